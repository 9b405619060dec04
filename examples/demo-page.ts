/**
 * The page `npm start` serves at `/` (see demo.ts): a chat with the seed's §5 echo server through the
 * browser's own WebSocket. Kept in a module, not a file beside the script, so the compiled demo needs
 * nothing but itself.
 *
 * For tests that drive it (test/interop/): the elements have ids —
 *   #state    the connection state: Connecting, Open, Closing or Closed (also in its data-state attribute)
 *   #message  the text box;  #send  the send button (a form submit, so Enter works too)
 *   #close    closes the connection with 1000 NormalClosure "Closing connection"
 *   #connect  opens a new connection once closed
 *   #log      the conversation: one <li> per event, class "sent" (the text sent), "received" (the text
 *             received, e.g. "서버에서 응답: hi") or "event" (connected / closed with code and reason)
 */
export const page = `<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>dotnet-ws — WebSocket echo (seed §5)</title>
<style>
  body { font: 16px/1.4 system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; }
  h1 { font-size: 1.25rem; }
  #state { font-weight: bold; }
  #state[data-state="Open"] { color: #107c10; }
  #state[data-state="Closed"] { color: #a4262c; }
  form { display: flex; gap: .5rem; margin: 1rem 0; }
  #message { flex: 1; font: inherit; padding: .25rem .5rem; }
  #log { list-style: none; padding: 0; border-top: 1px solid #ccc; }
  #log li { padding: .25rem 0; border-bottom: 1px solid #eee; white-space: pre-wrap; }
  #log li.sent::before { content: "→ "; color: #555; }
  #log li.received::before { content: "← "; color: #555; }
  #log li.event { color: #555; font-style: italic; }
</style>
</head>
<body>
<h1>WebSocket echo — <code>WebSocketController</code> on <code>/ws</code></h1>
<p>State: <span id="state" data-state="Connecting">Connecting</span></p>
<form id="form">
  <input id="message" autocomplete="off" placeholder="메시지를 입력하세요" autofocus>
  <button id="send" type="submit" disabled>Send</button>
  <button id="close" type="button" disabled>Close</button>
  <button id="connect" type="button" disabled>Reconnect</button>
</form>
<ul id="log"></ul>
<script>
"use strict";
var stateNames = ["Connecting", "Open", "Closing", "Closed"];
var closeStatusNames = {
  1000: "NormalClosure", 1001: "EndpointUnavailable", 1002: "ProtocolError", 1003: "InvalidMessageType",
  1005: "Empty", 1006: "(abnormal closure)", 1007: "InvalidPayloadData", 1008: "PolicyViolation",
  1009: "MessageTooBig", 1010: "MandatoryExtension", 1011: "InternalServerError"
};
var stateEl = document.getElementById("state");
var logEl = document.getElementById("log");
var messageEl = document.getElementById("message");
var sendEl = document.getElementById("send");
var closeEl = document.getElementById("close");
var connectEl = document.getElementById("connect");
var url = new URL("/ws", location.href);
url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
var socket = null;

function append(kind, text) {
  var li = document.createElement("li");
  li.className = kind;
  li.textContent = text;
  logEl.appendChild(li);
  li.scrollIntoView({ block: "nearest" });
}

function showState() {
  var name = stateNames[socket.readyState];
  stateEl.textContent = name;
  stateEl.dataset.state = name;
  sendEl.disabled = closeEl.disabled = socket.readyState !== WebSocket.OPEN;
  connectEl.disabled = socket.readyState !== WebSocket.CLOSED;
}

function connect() {
  socket = new WebSocket(url);
  showState();
  socket.onopen = function () {
    append("event", "연결됨: " + url);
    showState();
    messageEl.focus();
  };
  socket.onmessage = function (e) {
    append("received", String(e.data));
  };
  socket.onclose = function (e) {
    append("event", "연결 종료: " + e.code + " " + (closeStatusNames[e.code] || "") + (e.reason ? " \\u201c" + e.reason + "\\u201d" : ""));
    showState();
  };
}

document.getElementById("form").addEventListener("submit", function (e) {
  e.preventDefault();
  if (socket.readyState !== WebSocket.OPEN || messageEl.value === "") return;
  socket.send(messageEl.value);
  append("sent", messageEl.value);
  messageEl.value = "";
});
closeEl.addEventListener("click", function () {
  socket.close(1000, "Closing connection");
  showState();
});
connectEl.addEventListener("click", connect);

connect();
</script>
</body>
</html>
`;
