using Microsoft.Extensions.Localization;

// The assembly is named Web (folder = project = assembly) but its namespace is Assemblee.Web: the localizer finds resources by the latter.
[assembly: RootNamespace("Assemblee.Web")]

namespace Assemblee.Web;

/// <summary>The interface's words: French in Resources/Texts.resx (the default), English in Resources/Texts.en.resx.</summary>
public sealed class Texts;
