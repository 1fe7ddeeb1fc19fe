// Hash routing ("#/theory/rmsnorm"), so any static host serves every page without rewrites.

export function parseRoute(hash) {
  const path = String(hash ?? '').replace(/^#/, '').split('?')[0];
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { page: 'home' };
  const [page, id] = parts;
  return id === undefined ? { page } : { page, id };
}

export const routeHref = (page, id) => (id === undefined ? `#/${page}` : `#/${page}/${encodeURIComponent(id)}`);
