using System.Security.Cryptography;
using System.Text;

namespace Assemblee.Notifications.Domain;

/// <summary>How the ledger names a recipient without their contact data, and the key that makes a message unique.</summary>
public static class Recipients
{
    /// <summary>
    /// An invitee by a digest of their code: the code is the credential to answer with, and the ledger keeps the recipient
    /// after the letter's content is erased.
    /// </summary>
    public static string OfInvitation(string code) =>
        "invitee:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code)))[..24];

    public static string OfMember(Guid memberId) => $"member:{memberId}";

    /// <summary>A body's own mailbox (its secretariat's institutional address).</summary>
    public static string OfBody(string bodyId) => $"body:{bodyId}";

    /// <summary>
    /// The body's mailbox where preferences and unsubscribe links name a member: the nil id, which no member has (theirs are
    /// random), so that the mailbox turns a kind off with the same one-click link and the same row as a member does.
    /// </summary>
    public static readonly Guid BodyMailbox = Guid.Empty;

    /// <summary>(event, recipient, kind, channel): a redelivered event or a resumed campaign finds its message already written.</summary>
    public static string IdempotencyKey(string sourceKey, string recipient, string kind, string channel) =>
        $"{sourceKey}|{recipient}|{kind}|{channel}";
}
