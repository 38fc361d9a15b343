// Signs a citizen's changes with a wallet of their own. The allocation page loads it,
// after ethers v6 (vendor/ethers.umd.min.js), only for a citizen whose wallet is their own:
// each put-in or take-back form then asks the node for the record to sign (the form's
// data-sign URL answers EIP-712 typed data), has the browser's wallet sign it
// (window.ethereum, EIP-1193: eth_signTypedData_v4) and sends the form with the nonce and
// the signature. The node checks the signature and relays the record; the citizen pays no
// gas. The form's "via=tx" button sends the move as the citizen's own transaction instead
// (they pay the gas): the form's data-direct URL answers the call (claimAndAllocate with
// their eligibility proof on their first use, else allocate or withdraw), the wallet sends
// it to the round's contract, and once it is mined the page reloads; the node learns of it
// from the chain. Without a wallet the forms go as they are, and the node says that a
// signature is needed. Loaded from the node itself, as the page's policy requires.
"use strict";

// The round's functions a citizen calls directly (BudgetRoundV2).
var ROUND_ABI = [
  "function claimAndAllocate(uint256 index, uint256 quota, bytes32[] proof, uint256 id, uint256 amount)",
  "function allocate(uint256 id, uint256 amount)",
  "function withdraw(uint256 id, uint256 amount)",
];

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
  return "Не удалось в кошельке: " + ((err && (err.shortMessage || err.message)) || err) +
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

// ask posts the form to the node's url and returns its JSON answer. A move the node refuses
// comes back as the page's own refusal (the page is reloaded with it): null then.
async function ask(form, url, want) {
  var resp = await fetch(url, {
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
    return null;
  }
  if (!resp.ok || !body || !(want in body)) {
    throw new Error("узел не ответил (ответ " + resp.status + ")");
  }
  return body;
}

// sendDirect asks the node for the form's call of the round, has the wallet send it as the
// citizen's transaction and, once it is mined, reloads the page with its hash.
async function sendDirect(form, expected, status) {
  status.textContent = "Готовим транзакцию…";
  var call = await ask(form, form.dataset.direct, "method");
  if (!call) {
    return;
  }
  status.textContent = "Подключаем кошелёк…";
  var signer = await connect(expected, BigInt(call.chain_id));
  var round = new ethers.Contract(call.round, ROUND_ABI, signer);
  status.textContent = "Подтвердите транзакцию в кошельке…";
  var tx;
  if (call.method === "claimAndAllocate") {
    tx = await round.claimAndAllocate(call.index, call.quota, call.proof, call.initiative, call.amount);
  } else {
    tx = await round[call.method](call.initiative, call.amount);
  }
  status.textContent = "Транзакция отправлена, ждём записи в блок…";
  var receipt = await tx.wait();
  if (!receipt || receipt.status !== 1) {
    throw new Error("транзакция не прошла");
  }
  window.location.assign(window.location.pathname + "?done=direct&tx=" + receipt.hash);
}

// signAndSend asks the node for the form's record, has the wallet sign it and sends the form.
async function signAndSend(form, expected, status) {
  status.textContent = "Готовим запись для подписи…";
  var body = await ask(form, form.dataset.sign, "typed_data");
  if (!body) {
    return;
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
      var buttons = form.querySelectorAll("button[type=submit]");
      if (buttons[0].disabled) {
        return;
      }
      buttons.forEach(function (b) { b.disabled = true; });
      var direct = ev.submitter && ev.submitter.value === "tx";
      (direct ? sendDirect : signAndSend)(form, panel.dataset.address, status).catch(function (err) {
        buttons.forEach(function (b) { b.disabled = false; });
        status.textContent = explain(err, panel.dataset.address);
      });
    });
  });
});
