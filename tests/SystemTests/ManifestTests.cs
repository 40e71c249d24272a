using Assemblee.SystemTests.Infrastructure;

namespace Assemblee.SystemTests;

public sealed class ManifestTests
{
    [Fact]
    public async Task The_committed_manifest_is_what_the_AppHost_publishes_and_it_fits_Aspires_schema()
    {
        // Written beside the committed one: paths in a manifest are relative to its folder.
        var published = Path.Combine(Paths.Root, "aspire-manifest.check.json");
        try
        {
            var appHost = Path.Combine(Paths.Root, "artifacts", "bin", "AppHost", "debug", "AppHost.dll");
            var (exit, output, _) = await ProcessRunner.RunAsync("dotnet", [appHost, "--publisher", "manifest", "--output-path",
                published], TimeSpan.FromMinutes(2));
            Assert.True(exit == 0, output);

            var committed = await File.ReadAllTextAsync(Path.Combine(Paths.Root, "aspire-manifest.json"));
            Assert.True(committed == await File.ReadAllTextAsync(published),
                "aspire-manifest.json is out of date: run "
                + "`dotnet run --project AppHost -- --publisher manifest --output-path ../aspire-manifest.json`");

            var schema = Path.Combine(Paths.Shared, "aspire", "aspire-8.0.schema.json");
            var (exitCode, _, error) = await ProcessRunner.RunAsync(ProcessRunner.Python,
                ["-c", "import json,sys,jsonschema; jsonschema.Draft7Validator(json.load(open(sys.argv[1]))).validate("
                    + "json.load(open(sys.argv[2])))", schema, published],
                TimeSpan.FromSeconds(60));
            Assert.True(exitCode == 0, error);
        }
        finally
        {
            File.Delete(published);
        }
    }
}
