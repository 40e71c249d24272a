using Assemblee.Sortition.Engine.Csv;

namespace Assemblee.Sortition.Engine.Tests;

public sealed class CsvReaderTests
{
    [Fact]
    public void Quoted_fields_keep_their_commas_quotes_and_line_breaks_and_records_keep_their_line_numbers()
    {
        var text = "id,address,postcode\r\n1,\"12 rue X, bât. \"\"B\"\"\",75011\r\n\r\n2,\"3 rue Y\nescalier 2\",75020\n3,,\n";

        var records = CsvReader.Read(new StringReader(text)).ToList();

        Assert.Equal([1, 2, 4, 6], records.Select(r => r.Line));
        Assert.Equal(["1", "12 rue X, bât. \"B\"", "75011"], records[1].Fields);
        Assert.Equal(["2", "3 rue Y\nescalier 2", "75020"], records[2].Fields);
        Assert.Equal(["3", "", ""], records[3].Fields);
    }
}
