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

    /// <summary>One of a body's institutional mailboxes: its own (its secretariat's) or its executive office's.</summary>
    public static string OfMailbox(string bodyId, Audience audience) =>
        audience == Audience.ExecutiveMailbox ? $"executive:{bodyId}" : $"body:{bodyId}";

    /// <summary>
    /// A body's mailbox where preferences and unsubscribe links name a member: ids no member has (theirs are random), the
    /// nil id for the body's own and …0001 for its executive office's, so that a mailbox turns a kind off with the same
    /// one-click link and the same row as a member does.
    /// </summary>
    public static Guid MailboxId(Audience audience) =>
        audience == Audience.ExecutiveMailbox ? new Guid("00000000-0000-0000-0000-000000000001") : Guid.Empty;

    /// <summary>(event, recipient, kind, channel): a redelivered event or a resumed campaign finds its message already written.</summary>
    public static string IdempotencyKey(string sourceKey, string recipient, string kind, string channel) =>
        $"{sourceKey}|{recipient}|{kind}|{channel}";
}
