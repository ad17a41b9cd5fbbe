using Microsoft.Playwright;

namespace ReviewBot.Browser.Tests.Support;

/// <summary>Where things are drawn, in CSS pixels, for the layout checks.</summary>
public static class Layout
{
    public static async Task<LocatorBoundingBoxResult> BoxAsync(ILocator locator) =>
        await locator.BoundingBoxAsync() ?? throw new InvalidOperationException($"{locator} is not drawn.");

    /// <summary>Anything wider than the screen makes a phone scroll sideways: the page and every conversation must fit.</summary>
    public static Task<string[]> SidewaysOverflowAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => [document.documentElement, ...document.querySelectorAll(".scroller, .card")]
          .filter(e => e.getClientRects().length > 0 && e.scrollWidth > e.clientWidth + 1)
          .map(e => `${e.className || e.tagName}: ${e.scrollWidth} px drawn in ${e.clientWidth} px`)
        """);
}
