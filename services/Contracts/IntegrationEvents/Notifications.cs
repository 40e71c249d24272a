using MassTransit;

namespace Assemblee.Contracts.Notifications;

// Message events name the recipient pseudonymously (a member id, a digest of an invitation code), never by contact data.

/// <summary>A message reached its channel: an e-mail or SMS accepted by the relay, a letter posted.</summary>
[Event("notifications.message-delivered.v1")]
public sealed record MessageDelivered(
    Guid MessageId, Guid CampaignId, string BodyId, string Kind, string Channel, string Recipient, DateTimeOffset DeliveredAt);

/// <summary>A message could not be delivered: <paramref name="Bounced"/> when the address refused it, else failed for good.</summary>
[Event("notifications.message-failed.v1")]
public sealed record MessageFailed(
    Guid MessageId, Guid CampaignId, string BodyId, string Kind, string Channel, string Recipient, bool Bounced, string Reason,
    DateTimeOffset FailedAt);
