using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddPostgres("postgres");
var cache = builder.AddRedis("cache");
var messaging = builder.AddRabbitMQ("messaging");

// Signs development tokens; production configures Identity__Authority (the city's OpenID Connect provider) instead.
var signingKey = builder.AddParameter("jwt-signing-key", new GenerateParameterDefault { MinLength = 48, Special = false }, secret: true);

IResourceBuilder<ProjectResource> AddService<TProject>(string name) where TProject : IProjectMetadata, new()
{
    var database = postgres.AddDatabase($"{name}db");
    return builder.AddProject<TProject>(name)
        .WithGrpcEndpoint()
        .WithReference(database).WaitFor(database)
        .WithReference(messaging).WaitFor(messaging)
        .WithEnvironment("Identity__SigningKey", signingKey);
}

var membership = AddService<Projects.Membership_Api>("membership");
var sortition = AddService<Projects.Sortition_Api>("sortition").WithReference(membership);
// Membership asks sortition for substitutes; sortition asks membership about bodies.
membership.WithReference(sortition);
var sessions = AddService<Projects.Sessions_Api>("sessions").WithReference(membership);
var documents = AddService<Projects.Documents_Api>("documents").WithReference(membership);
var notifications = AddService<Projects.Notifications_Api>("notifications").WithReference(membership);
var veille = AddService<Projects.Veille_Api>("veille").WithReference(membership);

builder.AddProject<Projects.Gateway>("gateway")
    .WithHttpEndpoint(port: 5000)
    .WithGrpcEndpoint(port: 5001)
    .WithExternalHttpEndpoints()
    .WithReference(cache).WaitFor(cache)
    .WithReference(sortition).WithReference(membership).WithReference(sessions)
    .WithReference(documents).WithReference(notifications).WithReference(veille)
    .WithEnvironment("Identity__SigningKey", signingKey);

builder.Build().Run();
