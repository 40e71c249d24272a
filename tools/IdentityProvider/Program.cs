using Assemblee.IdentityProvider.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddIdentityProvider();

var app = builder.Build();
app.MapIdentityProvider();
app.Run();
