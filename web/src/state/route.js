// @ts-check
// Hash routing ("#/theory/rmsnorm", "#/lab/eps?d=64"), so any static host serves every page
// without rewrites, and a copied URL carries an experiment's settings.

export function parseRoute(hash) {
  const raw = String(hash ?? '').replace(/^#/, '');
  const [path, query = ''] = raw.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { page: 'home', query };
  const [page, id] = parts;
  return id === undefined ? { page, query } : { page, id, query };
}

export const routeHref = (page, id, query) =>
  `#/${page}${id === undefined ? '' : `/${encodeURIComponent(id)}`}${query ? `?${query}` : ''}`;
