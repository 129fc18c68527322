"""The meetings calendar: a day, a week or a month of meetings across every unit one may see,
and a search that finds a meeting by title, date ("10/12"), unit or place."""
