using Assemblee.Notifications.Domain;

namespace Assemblee.Notifications.Domain.Tests;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("06 12 34 56 78", "+33612345678")]
    [InlineData("06.12.34.56.78", "+33612345678")]
    [InlineData("+33 6 12 34 56 78", "+33612345678")]
    [InlineData("0033 (0)6-12-34-56-78", "+33612345678")]
    [InlineData("0033 6 12 34 56 78", "+33612345678")]
    [InlineData("+44 7700 900123", "+447700900123")]
    [InlineData("12 34", null)]
    [InlineData("not a number", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Numbers_as_people_write_them_become_E164_or_nothing(string? written, string? e164)
    {
        Assert.Equal(e164, PhoneNumbers.ToE164(written));
    }
}
