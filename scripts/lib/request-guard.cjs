// Preloaded (node --require) into the web server that scripts/start.ts spawns. A request whose
// path is not valid percent-encoded UTF-8 (e.g. /api/v1/ingest/%ED%A0%80) makes Next's router
// answer a bare 500 while decoding route parameters, before the proxy or any route runs (and
// /api/v1 is deliberately outside the proxy, so bodies are refused before they are read). Such
// a path names nothing here: answer 400 before Next sees it. This is the one place that checks
// it (pages, route handlers and /api/v1 alike). Plain CommonJS: it runs first.
"use strict";

const http = require("node:http");

function decodablePath(url) {
  const end = url.search(/[?#]/);
  try {
    decodeURIComponent(end === -1 ? url : url.slice(0, end));
    return true;
  } catch {
    return false;
  }
}

const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function guardedEmit(event, request, response) {
  if (event === "request" && typeof request?.url === "string" && !decodablePath(request.url)) {
    request.resume(); // drain the body so the connection ends cleanly
    response.writeHead(400, {
      "content-type": "application/json",
      "x-content-type-options": "nosniff",
      "cache-control": "no-store",
    });
    response.end(JSON.stringify({ error: "Bad address: the path is not valid UTF-8." }));
    return true;
  }
  return emit.apply(this, arguments);
};

module.exports = { decodablePath };
