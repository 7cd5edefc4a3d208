// The review workspace (templates/admin/claims/claim/workspace.html). Where the reports
// stand beside the form, the rationale takes the focus on arrival: an editor reads, then
// types, without reaching for the field. Not on a phone, where the form follows the
// reports and moving there would skip them; not when the error summary holds the focus.
(function () {
  "use strict";
  var rationale = document.getElementById("id_rationale");
  if (!rationale || document.getElementById("fd-errors")) return;
  if (!window.matchMedia("(min-width: 1024px)").matches) return;
  rationale.focus({ preventScroll: true });
})();
