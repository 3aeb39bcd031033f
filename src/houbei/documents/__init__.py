"""Documents offices print and send upward: the reserve registration form, the weekly briefing
(Word and PDF), batches of forms as a zip, and the appointment form as LRMX (export and import)."""
