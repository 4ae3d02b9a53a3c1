// Loads an HTML report from file:// in Debian's Chromium (driven by playwright-core) and prints
// what the test suite checks, as JSON: console errors, requests that left the file, SVG nodes,
// and the service table before and after a sort and a filter.  Optional: a screenshot.
// Usage: node check_report.cjs REPORT.html [SCREENSHOT.png]
"use strict";
const { chromium } = require("playwright-core");
const path = require("path");

async function main() {
  const [report, screenshot] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", "--no-first-run"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: Number(process.env.HEIGHT || 900) } });
    const errors = [];
    const requests = [];
    page.on("console", (msg) => { if (msg.type() === "error") errors.push(msg.text()); });
    page.on("pageerror", (err) => errors.push(String(err)));
    page.on("request", (req) => { if (!req.url().startsWith("file://")) requests.push(req.url()); });
    await page.goto("file://" + path.resolve(report), { waitUntil: "load" });
    const names = () => page.$$eval("#services tbody tr", (rows) => rows.filter((r) => !r.hidden).map((r) => r.getAttribute("data-service")));
    const result = {
      errors, requests,
      title: await page.title(),
      svgServices: await page.$$eval("#picture g.node.svc", (g) => g.map((n) => n.getAttribute("data-service"))),
      svgResources: await page.$$eval("#picture g.node.res", (g) => g.length),
      before: await names(),
    };
    await page.click("#services thead th:nth-child(1) button");
    result.sortedOnce = await names();
    await page.click("#services thead th:nth-child(1) button");
    result.sortedTwice = await names();
    result.ariaSort = await page.getAttribute("#services thead th:nth-child(1)", "aria-sort");
    await page.click("#services thead th:nth-child(3) button");
    result.byEffort = await page.$$eval("#services tbody tr td:nth-child(3)", (tds) => tds.map((t) => t.textContent.trim()));
    await page.fill("#filter", process.env.FILTER || "worker");
    result.filtered = await names();
    await page.fill("#filter", "");
    result.unfiltered = await names();
    if (screenshot) {  // the page as it opens, sorted and filtered back to its first state
      await page.reload({ waitUntil: "load" });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: screenshot, fullPage: false });
    }
    result.errors = errors;
    process.stdout.write(JSON.stringify(result) + "\n");
  } finally {
    await browser.close();
  }
}

main().catch((err) => { process.stderr.write(String(err && err.stack || err) + "\n"); process.exit(1); });
