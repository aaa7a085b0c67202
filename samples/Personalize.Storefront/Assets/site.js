// Meridian Market's one script. Everything works without it; with it, the Debug switch shows the
// panel in place (no reload, so no second decision and no second view), and the shelf bar says
// when there are more shelves to scroll to.
(() => {
  const debugForm = document.getElementById("debug-toggle");
  const debugSwitch = document.getElementById("debug-switch");
  const panel = document.getElementById("debug-panel");
  const debugWanted = debugForm?.querySelector("input[name='enabled']");
  if (debugForm && debugSwitch && panel && debugWanted) {
    debugForm.addEventListener("submit", async (event) => {
      event.preventDefault();
      const response = await fetch(debugForm.action, {
        method: "POST",
        body: new FormData(debugForm),
        headers: { "X-Storefront-In-Place": "1" },
        credentials: "same-origin",
      });
      if (response.status !== 204) {
        debugForm.submit(); // the plain form: it comes back to this page without recording a view
        return;
      }
      // The form asked for a state, not a flip: show that one, and ask for the other next time.
      const on = debugWanted.value === "true";
      debugWanted.value = on ? "false" : "true";
      panel.hidden = !on;
      document.body.classList.toggle("debugging", on);
      debugSwitch.setAttribute("aria-checked", on ? "true" : "false");
    });
  }

  const bar = document.querySelector(".shelf-bar");
  const shelves = bar?.querySelector(".shelves");
  if (bar && shelves) {
    const update = () => {
      const hidden = shelves.scrollWidth - shelves.clientWidth - shelves.scrollLeft;
      bar.classList.toggle("more-right", hidden > 2);
      bar.classList.toggle("more-left", shelves.scrollLeft > 2);
    };
    shelves.addEventListener("scroll", update, { passive: true });
    window.addEventListener("resize", update);
    update();
  }
})();
