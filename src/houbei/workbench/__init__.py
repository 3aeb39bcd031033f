"""The workbench (工作台): each role's landing page with what is waiting, and the county's towns."""
