using Assemblee.Web.Security;

namespace Assemblee.Web.Tests;

/// <summary>Where a visitor is sent back after signing in or choosing a language: a page of this site, never elsewhere.</summary>
public sealed class ReturnAddressTests
{
    [Theory]
    [InlineData("/paris-assembly/membres", true)]
    [InlineData("/", true)]
    [InlineData("//evil.example/page", false)]
    [InlineData("/\\evil.example/page", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("~/paris-assembly", false)]
    [InlineData("paris-assembly", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_a_page_of_this_site_is_followed(string? address, bool followed) =>
        Assert.Equal(followed, WebAuthentication.IsLocal(address));
}
