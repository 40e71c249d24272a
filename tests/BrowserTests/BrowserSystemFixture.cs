namespace Assemblee.BrowserTests;

/// <summary>
/// The system tests' application for the browser tests, with the gateway's quota out of the way. A browser is one anonymous
/// client at the gateway (its sign-in is the web application's cookie, which the gateway does not read), so every page of
/// every test counts against one address; on a fast machine the pages came quicker than the system tests' 150 a minute and
/// three tests got 429. The quota itself is the system tests' to check.
/// </summary>
public sealed class BrowserSystemFixture() : SystemFixture(gatewayPermitsPerMinute: 1_000_000);
