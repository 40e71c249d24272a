namespace Assemblee.Web.Forms;

/// <summary>A message's wording as the secretariat writes it: a subject and a body, in Liquid.</summary>
public sealed class WordingForm
{
    public string? Subject { get; set; }

    public string? Body { get; set; }
}
