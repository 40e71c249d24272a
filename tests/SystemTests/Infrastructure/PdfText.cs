namespace Assemblee.SystemTests.Infrastructure;

/// <summary>What a PDF shows, read as a person would: rendered to images and read back by OCR.</summary>
internal static class PdfText
{
    /// <summary>
    /// Renders each page of the PDF to PNG with poppler and reads it back with tesseract: what a person would see, pages in order.
    /// </summary>
    public static async Task<string> ReadAsync(byte[] pdf)
    {
        var folder = Directory.CreateTempSubdirectory("pdf-");
        try
        {
            var file = Path.Combine(folder.FullName, "document.pdf");
            await File.WriteAllBytesAsync(file, pdf);
            var render = await ProcessRunner.RunAsync("pdftoppm", ["-png", "-r", "200", file, Path.Combine(folder.FullName, "page")],
                TimeSpan.FromMinutes(1));
            Assert.True(render.ExitCode == 0, render.Error);
            var text = new System.Text.StringBuilder();
            foreach (var page in Directory.GetFiles(folder.FullName, "page*.png").Order())
            {
                var read = await ProcessRunner.RunAsync("tesseract", [page, "stdout"], TimeSpan.FromMinutes(1));
                Assert.True(read.ExitCode == 0, read.Error);
                text.AppendLine(read.Output);
            }
            return text.ToString();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
