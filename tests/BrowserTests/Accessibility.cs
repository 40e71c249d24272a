using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace Assemblee.BrowserTests;

/// <summary>
/// axe-core on the pages the tests visit. A run takes seconds on this machine, and the tests come back to pages they saw (the
/// console's home, a member's space, a text): a page whose structure was already checked in its language is not checked again.
/// </summary>
internal static class Accessibility
{
    /// <summary>
    /// The page's structure as axe's WCAG rules see it: each element's name, the attributes that shape roles, names, styles
    /// and links between elements (ids and numbers folded, since they differ from one record to the next), whether every other
    /// attribute is empty, and whether the element holds text of its own. The words themselves are left out.
    /// </summary>
    private const string StructureScript = """
        () => {
          const structural = new RegExp('^(id|for|class|role|type|lang|dir|style|tabindex|hidden|disabled|required|scope|headers|'
            + 'colspan|rowspan|aria-(?!label$|description$|rowcount$|rowindex$).*)$');
          const fold = value => value.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9]+/gi, '#');
          const parts = [];
          for (const element of document.querySelectorAll('*')) {
            const attributes = [...element.attributes].map(attribute => attribute.name + '=' +
              (structural.test(attribute.name) ? fold(attribute.value) : attribute.value.trim() === '' ? '' : '*'));
            const text = [...element.childNodes].some(node => node.nodeType === 3 && node.textContent.trim() !== '');
            parts.push(element.localName + '[' + attributes.join(',') + ']' + (text ? 'T' : ''));
          }
          return parts.join('\n');
        }
        """;

    private static readonly ConcurrentDictionary<string, bool> Checked = new();

    public static async Task AssertNoBlockingViolationsAsync(IPage page)
    {
        var structure = await page.EvaluateAsync<string>(StructureScript);
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(structure)));
        if (!Checked.TryAdd(key, true))
        {
            return;
        }
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
            ResultTypes = [ResultType.Violations],
        });
        var blocking = result.Violations.Where(violation => violation.Impact is "serious" or "critical")
            .Select(violation => $"{violation.Id} ({violation.Impact}): {violation.Help} at " +
                string.Join(", ", violation.Nodes.Select(node => node.Target?.ToString())))
            .ToList();
        Assert.True(blocking.Count == 0, $"{page.Url}: {string.Join("; ", blocking)}");
    }
}
