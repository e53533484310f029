// Progressive enhancement: without JavaScript, « Copier le lien » is a plain link to the article.
document.addEventListener('click', async (event) => {
  const link = event.target instanceof Element ? event.target.closest('a[data-copy]') : null;
  if (!link || !navigator.clipboard) return;
  event.preventDefault();
  const status = link.closest('.share')?.querySelector('.copy-status');
  try {
    await navigator.clipboard.writeText(link.dataset.copy);
    if (status) status.textContent = 'Lien copié dans le presse-papiers.';
  } catch {
    if (status) status.textContent = 'Impossible de copier : sélectionnez l’adresse dans la barre du navigateur.';
  }
});
