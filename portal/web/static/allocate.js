// Signs a citizen's changes with a wallet of their own. The allocation page loads it,
// after ethers v6 (vendor/ethers.umd.min.js), only for a citizen whose wallet is their own:
// each put-in or take-back form then asks the node for the record to sign (the form's
// data-sign URL answers EIP-712 typed data), has the browser's wallet sign it
// (window.ethereum, EIP-1193: eth_signTypedData_v4) and sends the form with the nonce and
// the signature. The node checks the signature and relays the record; the citizen pays no
// gas. Without a wallet the forms go as they are, and the node says that a signature is
// needed. Loaded from the node itself, as the page's policy requires.
"use strict";

// Problems the page explains in words rather than with the wallet's message.
class WrongAccount extends Error {}

function rejected(err) {
  return err && (err.code === "ACTION_REJECTED" || err.code === 4001 ||
    (err.info && err.info.error && err.info.error.code === 4001));
}

function explain(err, expected) {
  if (err instanceof WrongAccount) {
    return "В кошельке выбран другой адрес. Выберите в нём адрес " + expected +
      ", привязанный к порталу, и повторите. Ничего не изменилось.";
  }
  if (rejected(err)) {
    return "Вы отклонили запрос в кошельке. Ничего не изменилось.";
  }
  return "Не удалось подписать в кошельке: " + ((err && (err.shortMessage || err.message)) || err) +
    ". Ничего не изменилось.";
}

// connect returns the wallet's signer for the citizen's linked address on the round's chain.
async function connect(expected, chainId) {
  var provider = new ethers.BrowserProvider(window.ethereum);
  var accounts = await provider.send("eth_requestAccounts", []);
  var mine = (accounts || []).some(function (a) { return a.toLowerCase() === expected.toLowerCase(); });
  if (!mine) {
    throw new WrongAccount();
  }
  var network = await provider.getNetwork();
  if (network.chainId !== chainId) {
    await provider.send("wallet_switchEthereumChain", [{ chainId: "0x" + chainId.toString(16) }]);
    provider = new ethers.BrowserProvider(window.ethereum); // ethers binds a provider to one network
  }
  return provider.getSigner(expected);
}

// signAndSend asks the node for the form's record, has the wallet sign it and sends the form.
// A move the node refuses comes back as the page's own refusal, before the wallet is asked.
async function signAndSend(form, expected, status) {
  status.textContent = "Готовим запись для подписи…";
  var resp = await fetch(form.dataset.sign, {
    method: "POST", body: new URLSearchParams(new FormData(form)), credentials: "same-origin",
    headers: { Accept: "application/json" },
  });
  var body = null;
  try {
    body = await resp.json();
  } catch (e) {
    body = null;
  }
  if (!resp.ok && body && body.error) {
    window.location.assign(window.location.pathname + "?error=" + encodeURIComponent(body.error));
    return;
  }
  if (!resp.ok || !body || !body.typed_data) {
    throw new Error("узел не выдал запись (ответ " + resp.status + ")");
  }
  var td = body.typed_data;
  status.textContent = "Подключаем кошелёк…";
  var signer = await connect(expected, BigInt(td.domain.chainId));
  var types = {};
  types[td.primaryType] = td.types[td.primaryType]; // ethers adds EIP712Domain itself
  status.textContent = "Подтвердите подпись в кошельке…";
  var signature = await signer.signTypedData(td.domain, types, td.message);
  form.elements.nonce.value = String(body.nonce);
  form.elements.signature.value = signature;
  status.textContent = "Подпись получена, отправляем…";
  form.submit();
}

document.addEventListener("DOMContentLoaded", function () {
  var panel = document.getElementById("wallet-sign");
  if (!panel || !window.ethereum || !window.ethers) {
    return; // the page says a browser wallet is needed
  }
  var status = document.getElementById("wallet-status");
  document.getElementById("wallet-needed").hidden = true;
  document.querySelectorAll("form[data-sign]").forEach(function (form) {
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var button = form.querySelector("button[type=submit]");
      if (button.disabled) {
        return;
      }
      button.disabled = true;
      signAndSend(form, panel.dataset.address, status).catch(function (err) {
        button.disabled = false;
        status.textContent = explain(err, panel.dataset.address);
      });
    });
  });
});
