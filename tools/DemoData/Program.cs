using Assemblee.DemoData;

var builder = Host.CreateApplicationBuilder(args);
builder.AddHostingDefaults();
builder.Services.AddDemoData(new Uri("http://gateway"));
using var host = builder.Build();
await host.Services.GetRequiredService<DemoAssembly>().FillAsync(CancellationToken.None);
