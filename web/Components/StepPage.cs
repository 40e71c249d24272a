using Assemblee.Web.Clients;
using Assemblee.Web.Forms;
using Microsoft.AspNetCore.Components;

namespace Assemblee.Web.Components;

/// <summary>
/// A page on which its user takes steps that a service may refuse (a ruling, a vote opened, a text submitted): after each
/// it says what became of the step, with <see cref="StepOutcome"/>, and shows what now stands.
/// </summary>
public abstract class StepPage : ComponentBase
{
    /// <summary>What the last step did, when the service took it.</summary>
    protected string? Done { get; set; }

    /// <summary>Why the service refused the last step, field by field when it says so.</summary>
    protected Refusal Refusal { get; set; } = Refusal.None;

    /// <summary>Reads what the page shows.</summary>
    protected abstract Task LoadAsync();

    /// <summary>Says what the service made of the step, then shows the page as it now stands.</summary>
    protected async Task AfterAsync<TResult>(Task<Submitted<TResult>> step, string doneText) where TResult : class
    {
        (Done, Refusal) = Refusal.After(await step, doneText);
        await LoadAsync();
    }
}
