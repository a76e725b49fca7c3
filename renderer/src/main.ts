// Placeholder: the Vue app (screens, router, i18n) replaces this.
document.getElementById('app')!.textContent = '罗盘 Luopan';
