// The page's only script (allowed by its hash in the Content-Security-Policy): show the
// print button, which is hidden when scripts do not run, and print when it is pressed.
(function () {
  var box = document.getElementById("fw-print");
  if (!box || !window.print) { return; }
  box.hidden = false;
  box.querySelector("button").addEventListener("click", function () { window.print(); });
})();
