using Microsoft.EntityFrameworkCore;

namespace Assemblee.IdentityProvider.Protocol;

/// <summary>OpenIddict's applications, authorizations and tokens (its own entities, added by UseOpenIddict).</summary>
public sealed class ProviderStore(DbContextOptions<ProviderStore> options) : DbContext(options);
