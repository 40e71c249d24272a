using System.Security.Cryptography;
using System.Text;

namespace Assemblee.IdentityProvider.SignIn;

/// <summary>A person who may sign in: their identifier (the tokens' subject), password, role and the bodies it is for.</summary>
public sealed record Account
{
    public string Subject { get; init; } = "";

    public string Password { get; init; } = "";

    public string Role { get; init; } = "";

    public string[] Bodies { get; init; } = [];
}

/// <summary>
/// An application that may ask for tokens. With redirect addresses it signs people in (the authorization code flow, as the web
/// application does); without, it acts on its own behalf (client credentials, as the services and other bodies' software do),
/// with its role and bodies.
/// </summary>
public sealed record Client
{
    public string Id { get; init; } = "";

    public string Secret { get; init; } = "";

    public string[] RedirectUris { get; init; } = [];

    /// <summary>Where the provider may send people back after signing them out.</summary>
    public string[] PostLogoutRedirectUris { get; init; } = [];

    public string? Role { get; init; }

    public string[] Bodies { get; init; } = [];
}

/// <summary>Who may sign in and which applications may ask, from configuration (Accounts:n:…, Clients:n:…).</summary>
public sealed class ProviderDirectory(IConfiguration configuration)
{
    public IReadOnlyList<Account> Accounts { get; } = configuration.GetSection("Accounts").Get<Account[]>() ?? [];

    public IReadOnlyList<Client> Clients { get; } = configuration.GetSection("Clients").Get<Client[]>() ?? [];

    /// <summary>The account whose identifier and password these are; the passwords are compared in constant time.</summary>
    public Account? SignIn(string? subject, string? password) =>
        Accounts.FirstOrDefault(account => account.Subject == subject && password is not null &&
            CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(account.Password), Encoding.UTF8.GetBytes(password)));

    public Account? Account(string? subject) => Accounts.FirstOrDefault(account => account.Subject == subject);

    public Client? Client(string? id) => Clients.FirstOrDefault(client => client.Id == id);
}
