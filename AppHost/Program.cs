using Assemblee.AppHost.Extensions;
using Microsoft.Extensions.Configuration;

var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddDatabaseServer("postgres");
var cache = builder.AddCache("cache");
var messaging = builder.AddMessageBroker("messaging");
var mail = builder.AddMailServer("mail");
var sms = builder.AddSmsProvider("sms");

// A development key, or with Identity:Provider=local a real OpenID Connect provider; production names the city's provider.
var tokens = new TokenIssuer(builder);

IResourceBuilder<ProjectResource> AddService<TProject>(string name) where TProject : IProjectMetadata, new()
{
    var database = postgres.AddDatabase($"{name}db");
    return tokens.Trust(builder.AddProject<TProject>(name))
        .WithHostEnvironment()
        .WithoutDefaultHttps()
        .WithReference(database).WaitFor(database)
        .WithReference(messaging).WaitFor(messaging)
        .WithHttpHealthCheck("/health");
}

var membership = AddService<Projects.Membership_Api>("membership");
var sortition = AddService<Projects.Sortition_Api>("sortition").WithServiceReference(membership);
// Membership asks sortition for substitutes; sortition asks membership about bodies.
membership.WithServiceReference(sortition);
var sessions = AddService<Projects.Sessions_Api>("sessions").WithServiceReference(membership);
var documents = AddService<Projects.Documents_Api>("documents")
    .WithServiceReference(membership).WithServiceReference(sortition).WithServiceReference(sessions);
// Notifications waits for neither the mail server nor the SMS provider: what it cannot send yet stays queued and is retried.
var notifications = AddService<Projects.Notifications_Api>("notifications")
    .WithServiceReference(membership).WithServiceReference(sortition).WithServiceReference(sessions).WithServiceReference(documents)
    .WithReference(mail).WithReference(sms);
var veille = AddService<Projects.Veille_Api>("veille").WithServiceReference(membership).WithServiceReference(sessions);
// Veille's alerts and answers go to the bodies' mailboxes: notifications reads the item or the question they are about.
notifications.WithServiceReference(veille);
var services = new[] { sortition, membership, sessions, documents, notifications, veille };

// The web application calls the services' REST APIs with its visitor's rights; the gateway serves it at its root, where
// visitors sign in: on the development page with the key, or at the OpenID Connect provider, which sends them back there.
var web = builder.AddProject<Projects.Web>("web").WithHostEnvironment().WithoutDefaultHttps().WithHttpHealthCheck("/health")
    .WithReference(cache).WaitFor(cache);
foreach (var service in services)
{
    web.WithReference(service.GetEndpoint("http"));
}

var gateway = builder.AddProject<Projects.Gateway>("gateway")
    .WithHostEnvironment()
    .WithoutDefaultHttps()
    .WithEndpoint("http", endpoint => endpoint.Port = builder.Configuration.GetValue("Gateway:HttpPort", 5000))
    .WithEndpoint("grpc", endpoint => endpoint.Port = builder.Configuration.GetValue("Gateway:GrpcPort", 5001))
    .WithExternalHttpEndpoints()
    .WithReference(cache).WaitFor(cache)
    .WithHttpHealthCheck("/health");
tokens.Verify(gateway);
tokens.SignInThrough(web, gateway.GetEndpoint("http"));
// The gateway starts beside the services, not after them: it resolves their addresses at start and a route answers 502
// only until its service is up. The application is ready when every resource is healthy (Readiness). It forwards all of a
// service's routes over HTTP/2 to its "grpc" endpoint (gateway/Routing/ServiceRoutes.cs).
foreach (var service in services)
{
    gateway.WithReference(service.GetEndpoint("grpc"));
}
gateway.WithReference(web.GetEndpoint("http"));

// The register's Atom feed links to the space's public address: the gateway's.
veille.WithEnvironment("Veille__PublicUrl", gateway.GetEndpoint("http"));

// ./run.sh --demo: a clearly synthetic promotion, filled through the gateway once everything is up; never published.
if (builder.ExecutionContext.IsRunMode && builder.Configuration.GetValue<bool>("Demo"))
{
    if (!tokens.SignsWithKey)
    {
        throw new InvalidOperationException("--demo signs its calls with the development key: it cannot run with --identity-provider.");
    }
    var demo = builder.AddProject<Projects.DemoData>("demo-data")
        .WithReference(gateway.GetEndpoint("http")).WaitFor(gateway).WaitFor(web)
        .WithEnvironment("Identity__SigningKey", tokens.SigningKey);
    // Its calls go through the gateway to the services, which the gateway does not wait for.
    foreach (var service in services)
    {
        demo.WaitFor(service);
    }
}

builder.AddStartupAnnouncement(portal: gateway.GetEndpoint("http"));
builder.Build().Run();
