// Links a wallet of the citizen's own (Sign-In with Ethereum, EIP-4361) when the browser has
// one (window.ethereum, EIP-1193). Without it, or without JavaScript, the page only says that
// linking needs a browser wallet. Loaded from the node itself, as the policy requires.
"use strict";

function toHex(text) {
  return "0x" + Array.from(new TextEncoder().encode(text), function (b) {
    return b.toString(16).padStart(2, "0");
  }).join("");
}

async function linkWallet(form, status) {
  var eth = window.ethereum;
  status.textContent = "Подтвердите доступ к кошельку…";
  var accounts = await eth.request({ method: "eth_requestAccounts" });
  if (!accounts || !accounts.length) {
    throw new Error("Кошелёк не дал адрес.");
  }
  var address = accounts[0];
  var body = new URLSearchParams({ csrf_token: form.elements.csrf_token.value, address: address });
  var resp = await fetch("/wallet/message", { method: "POST", body: body, credentials: "same-origin" });
  if (!resp.ok) {
    throw new Error("Узел не выдал сообщение для подписи.");
  }
  var message = await resp.text();
  status.textContent = "Подпишите сообщение в кошельке…";
  var signature = await eth.request({ method: "personal_sign", params: [toHex(message), address] });
  form.elements.message.value = message;
  form.elements.signature.value = signature;
  form.submit();
}

document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("link-form");
  if (!form || !window.ethereum) {
    return;
  }
  var status = document.getElementById("link-status");
  form.hidden = false;
  document.getElementById("link-wallet").addEventListener("click", function () {
    linkWallet(form, status).catch(function (err) {
      status.textContent = "Не удалось привязать кошелёк: " + (err && err.message ? err.message : err);
    });
  });
});
