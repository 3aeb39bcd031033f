// The roster: one button marks everyone not marked yet as present (出勤), so a class where most
// came takes a tap for the class and one per exception.
document.addEventListener("DOMContentLoaded", () => {
  const button = document.getElementById("all-present");
  if (!button) return;
  button.hidden = false;
  button.addEventListener("click", () => {
    document.querySelectorAll(".roster-row").forEach((row) => {
      if (!row.querySelector("input[type=radio]:checked")) {
        const present = row.querySelector('input[type=radio][value="present"]');
        if (present) present.checked = true;
      }
    });
  });
});
