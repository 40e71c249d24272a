using Assemblee.Gateway.OpenApi;
using Assemblee.Gateway.RateLimiting;
using Assemblee.Gateway.Routing;
using Assemblee.Gateway.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRedisClient("cache");
builder.AddServiceRoutes();
builder.AddEdgeSecurity();
builder.AddTrustedProxies();
builder.Services.AddSingleton<RedisRateLimiter>();

var app = builder.Build();
app.UseForwardedHeaders();
app.UseCors();
app.MapDefaultEndpoints();
app.UseEdgeTokenValidation();
app.UseMiddleware<RateLimitMiddleware>();
app.MapServiceDocuments();
app.MapDevelopmentTokens();
app.MapReverseProxy();
app.Run();
