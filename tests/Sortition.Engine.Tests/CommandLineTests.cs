using System.Text.Json;
using System.Text.Json.Nodes;
using Assemblee.Sortition.Cli;

namespace Assemblee.Sortition.Engine.Tests;

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
                ["select", "--categories", Path.Combine(directory, "categories.csv"), "--respondents", Path.Combine(directory,
                    "respondents.csv"),
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
                ["select", "--categories", categories, "--respondents", Path.Combine(PublicInstances.Directory("example_small_20"),
                    "respondents.csv"), "--panel-size", "20"],
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
    public async Task Prepare_draw_and_verify_make_a_record_anyone_can_check_and_verify_refuses_a_changed_one()
    {
        var directory = PublicInstances.Directory("example_small_20");
        var work = Directory.CreateTempSubdirectory("sortition-cli-");
        try
        {
            string In(string name) => Path.Combine(work.FullName, name);
            var output = new StringWriter();
            var error = new StringWriter();

            var prepared = await CommandLine.RunAsync(
                ["prepare", "--categories", Path.Combine(directory, "categories.csv"), "--respondents", Path.Combine(directory,
                    "respondents.csv"),
                 "--panel-size", "20", "--substitutes", "8", "--output", In("prepared.json")], output, error);
            var drawn = await CommandLine.RunAsync(
                ["draw", "--record", In("prepared.json"), "--dice", "6 6 2 5", "--beacon", "pulse-42", "--output", In("record.json"),
                    "--readable", In("record.md")],
                output, error);
            var verified = await CommandLine.RunAsync(["verify", "--record", In("record.json")], output, error);

            Assert.Equal((CommandLine.Ok, CommandLine.Ok, CommandLine.Ok), (prepared, drawn, verified));
            Assert.Contains("checks out", output.ToString());
            var record = JsonNode.Parse(await File.ReadAllTextAsync(In("record.json")))!;
            Assert.Equal(20, record["members"]!.AsArray().Count);
            Assert.Equal(8, record["substitutes"]!.AsArray().Count);
            Assert.Contains(record["commitment"]!.GetValue<string>(), await File.ReadAllTextAsync(In("record.md")));

            record["beacon"] = "pulse-43";
            await File.WriteAllTextAsync(In("changed.json"), record.ToJsonString());
            var refused = await CommandLine.RunAsync(["verify", "--record", In("changed.json")], output, error);

            Assert.Equal(CommandLine.VerificationFailed, refused);
            Assert.Contains("seed", error.ToString());
        }
        finally
        {
            work.Delete(recursive: true);
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
