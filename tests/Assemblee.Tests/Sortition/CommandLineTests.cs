using System.Text.Json;
using Assemblee.Sortition.Cli;

namespace Assemblee.Tests.Sortition;

public sealed class CommandLineTests
{
    [Fact]
    public async Task Select_writes_the_probabilities_of_every_person_as_JSON()
    {
        var directory = PublicInstances.Directory("example_small_20");
        var output = Path.GetTempFileName();
        try
        {
            var exit = await CommandLine.RunAsync(
                ["select", "--categories", Path.Combine(directory, "categories.csv"), "--respondents", Path.Combine(directory, "respondents.csv"),
                 "--panel-size", "20", "--output", output], TextWriter.Null, TextWriter.Null);

            using var result = JsonDocument.Parse(await File.ReadAllTextAsync(output));
            var root = result.RootElement;
            Assert.Equal(CommandLine.Ok, exit);
            Assert.Equal("leximin", root.GetProperty("algorithm").GetString());
            Assert.Equal(200, root.GetProperty("poolSize").GetInt32());
            Assert.Equal(20, root.GetProperty("panelSize").GetInt32());
            Assert.InRange(root.GetProperty("minProbability").GetDouble(), 0.099, 0.101);
            Assert.True(root.TryGetProperty("seconds", out _));
            Assert.Equal(200, root.GetProperty("probabilities").GetArrayLength());
            Assert.Equal("0", root.GetProperty("probabilities")[0].GetProperty("id").GetString());
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public async Task A_bad_categories_file_is_refused_with_its_line_numbers()
    {
        var categories = Path.GetTempFileName();
        await File.WriteAllTextAsync(categories, "category,feature,min,max\ngender,female,9,20\ngender,male,x,20\ngender,other,30,20\n");
        var error = new StringWriter();
        try
        {
            var exit = await CommandLine.RunAsync(
                ["select", "--categories", categories, "--respondents", Path.Combine(PublicInstances.Directory("example_small_20"), "respondents.csv"), "--panel-size", "20"],
                TextWriter.Null, error);

            Assert.Equal(CommandLine.BadInput, exit);
            Assert.Contains("line 3", error.ToString());
            Assert.Contains("line 4", error.ToString());
        }
        finally
        {
            File.Delete(categories);
        }
    }

    [Fact]
    public async Task Unknown_commands_and_missing_options_get_the_usage()
    {
        var error = new StringWriter();

        Assert.Equal(CommandLine.Usage, await CommandLine.RunAsync(["draw"], TextWriter.Null, error));
        Assert.Equal(CommandLine.Usage, await CommandLine.RunAsync(["select", "--categories"], TextWriter.Null, error));
        Assert.Contains("usage:", error.ToString());
    }
}
