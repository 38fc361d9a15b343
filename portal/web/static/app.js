// pbnode pages work without this script; it only adds conveniences.
// Loaded with defer from the node itself, as the Content-Security-Policy requires.
"use strict";

// A "copy" button after every <pre class="command">.
function addCopyButtons() {
  document.querySelectorAll("pre.command").forEach(function (pre) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy";
    button.textContent = "Скопировать команду";
    var status = document.createElement("span");
    status.setAttribute("role", "status");
    status.className = "copy-status";
    button.addEventListener("click", function () {
      var text = pre.textContent.trim();
      var done = function () { status.textContent = " Скопировано."; };
      var fail = function () { status.textContent = " Выделите команду и скопируйте её вручную."; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, fail);
      } else {
        fail();
      }
    });
    pre.after(button, status);
  });
}

document.addEventListener("DOMContentLoaded", addCopyButtons);
