// The reference for the Slack benchmark (bench/ReviewBot.Bench, "slack"): a bare Slack Bolt for JavaScript app
// (@slack/bolt from package.json) that checks each request's signature and acknowledges a modal's submission and a
// button press, and does nothing else: a static authorize (no tokens, no auth.test), no outbound calls.
// PORT and SIGNING_SECRET come from the environment; it prints "listening" once it takes requests.
const { App, LogLevel } = require("@slack/bolt");

const app = new App({
  signingSecret: process.env.SIGNING_SECRET,
  authorize: async () => ({ botToken: "xoxb-bench", botId: "B0BENCH", botUserId: "U0BENCH" }),
  tokenVerificationEnabled: false,
  logLevel: LogLevel.ERROR,
});

app.view(/.*/, async ({ ack }) => { await ack(); });
app.action(/.*/, async ({ ack }) => { await ack(); });

(async () => {
  await app.start(Number(process.env.PORT));
  console.log("listening");
})();
