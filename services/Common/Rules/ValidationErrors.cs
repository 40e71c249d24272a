namespace Assemblee.Common.Rules;

/// <summary>The one validation style: collect every field's error, then answer 400 with all of them at once.</summary>
public static class ValidationErrors
{
    public static Dictionary<string, string[]> Require(this Dictionary<string, string[]> errors, bool valid, string field, string message)
    {
        if (!valid)
        {
            errors[field] = [message];
        }
        return errors;
    }
}
