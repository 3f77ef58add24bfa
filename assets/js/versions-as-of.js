// The as-of page: ?date=YYYY-MM-DD goes to the version in force that day
// (from its date up to, not including, the next version's), read from the
// list the page shows without script.
const params = new URLSearchParams(location.search);
const date = params.get('date');
const list = document.querySelector('.as-of-ranges');
if (date && /^\d{4}-\d{2}-\d{2}$/.test(date) && list) {
  const match = [...list.querySelectorAll('li')].find(
    (li) => li.dataset.from <= date && (!li.dataset.until || date < li.dataset.until));
  if (match) {
    location.replace(match.querySelector('a').href + location.hash);
  } else {
    document.getElementById('as-of-result').textContent = list.dataset.before;
  }
}
