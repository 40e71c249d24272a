using System.Text;
using Assemblee.Sortition.Engine.Csv;

namespace Assemblee.Sortition.Engine.Tests;

public sealed class Utf8CsvReaderTests
{
    [Theory]
    [InlineData(1 << 20)]
    [InlineData(8)]
    public void Quoted_fields_keep_their_commas_quotes_and_line_breaks_and_records_keep_their_line_numbers(int bufferSize)
    {
        var text = "\uFEFFid,address,postcode\r\n1,\"12 rue X, bât. \"\"B\"\"\",75011\r\n\r\n"
            + "2,\"3 rue Y\nescalier 2\",75020\n3,,\n4,é,\"\"";

        var records = ReadAll(text, bufferSize);

        Assert.Equal([1, 2, 4, 6, 7], records.Select(r => r.Line));
        Assert.Equal(["id", "address", "postcode"], records[0].Fields);
        Assert.Equal(["1", "12 rue X, bât. \"B\"", "75011"], records[1].Fields);
        Assert.Equal(["2", "3 rue Y\nescalier 2", "75020"], records[2].Fields);
        Assert.Equal(["3", "", ""], records[3].Fields);
        Assert.Equal(["4", "é", ""], records[4].Fields);
    }

    [Fact]
    public void It_reads_the_same_records_as_the_text_reader_on_a_large_generated_file()
    {
        var random = new Random(7);
        var text = new StringBuilder();
        for (var i = 0; i < 5000; i++)
        {
            text.Append(i).Append(",Nom").Append(random.Next(100))
                .Append(random.Next(4) == 0 ? ",\"a, \"\"b\"\"\nc\"" : ",plain").Append('\n');
        }

        var bytes = ReadAll(text.ToString(), 4096);
        var chars = CsvReader.Read(new StringReader(text.ToString())).ToList();

        Assert.Equal(chars.Select(r => (r.Line, string.Join('|', r.Fields))), bytes.Select(r => (r.Line, string.Join('|', r.Fields))));
    }

    private static List<(int Line, string[] Fields)> ReadAll(string text, int bufferSize)
    {
        var reader = new Utf8CsvReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), bufferSize);
        var records = new List<(int, string[])>();
        while (reader.TryRead(out var record))
        {
            var fields = new string[record.Count];
            for (var i = 0; i < record.Count; i++)
            {
                fields[i] = Encoding.UTF8.GetString(record[i]);
            }
            records.Add((record.Line, fields));
        }
        return records;
    }
}
