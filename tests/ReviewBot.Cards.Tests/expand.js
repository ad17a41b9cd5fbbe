// Expands Adaptive Card templates with the official adaptivecards-templating package, for the differential test.
// Usage: node expand.js <repo root>; stdin: [{ "template": {...}, "data": {...} }, ...]; stdout: the expansions.
const path = require("path");
const { Template } = require(path.join(process.argv[2], "node_modules", "adaptivecards-templating"));

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", chunk => (input += chunk));
process.stdin.on("end", () => {
  const cases = JSON.parse(input);
  const expanded = cases.map(c => new Template(c.template).expand({ $root: c.data }));
  process.stdout.write(JSON.stringify(expanded));
});
