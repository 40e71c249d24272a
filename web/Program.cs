using Assemblee.Web.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddWebApplication();

var app = builder.Build();
app.MapWebApplication();
app.Run();
