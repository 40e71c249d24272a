// YARP and nothing else: no authentication, rate limit, forwarded headers, CORS, telemetry or service discovery. The gateway
// benchmark routes it to the same service as the gateway, so the gateway's share and this one's differ only by the gateway's
// own work. Routes and destination come from configuration (ReverseProxy:…), set by the benchmark.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));

var app = builder.Build();
app.MapReverseProxy();
app.Run();
