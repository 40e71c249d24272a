namespace Assemblee.Web.Forms;

/// <summary>A member's referral to the guarantors' committee: what it is about, and the matter, on form or substance.</summary>
public sealed class ReferralForm
{
    public string? Title { get; set; }

    public string? Text { get; set; }
}
