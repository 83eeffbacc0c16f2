// Preloaded (node --require) into the web server that scripts/start.ts spawns: the server stops
// when start.ts is gone, however it went. A `kill -9` of start.ts gives it no chance to stop its
// child, and an orphaned `next start` would keep the port and block the next `npm start`.
// Two signals, either is enough: the stdin pipe start.ts holds open reaches end-of-file when its
// process dies (at once), and the parent pid changes when the server is re-parented (polled, for
// when stdin is not that pipe). Plain CommonJS: it runs before any loader.
"use strict";

const expectedParent = Number(process.env.EARSHOT_SERVER_PARENT_PID);

// Only in the process start.ts spawned itself, not in anything that inherits the environment.
if (expectedParent && process.ppid === expectedParent) {
  let leaving = false;
  const leave = (why) => {
    if (leaving) return;
    leaving = true;
    console.error(`[earshot] ${why}: stopping the web server.`);
    // Next's own SIGTERM handling closes the server; exit regardless if that takes too long.
    setTimeout(() => process.exit(1), 5_000).unref();
    process.kill(process.pid, "SIGTERM");
  };
  const poll = setInterval(() => {
    if (process.ppid !== expectedParent) leave("npm start is gone");
  }, 1_000);
  poll.unref();
  if (process.env.EARSHOT_SERVER_PARENT_PIPE === "stdin" && process.stdin && !process.stdin.isTTY) {
    process.stdin.on("data", () => undefined);
    process.stdin.on("end", () => leave("npm start is gone"));
    process.stdin.on("error", () => leave("npm start is gone"));
    process.stdin.resume();
  }
}
