// The console's list import, enhanced: the list is sent without leaving the page, so that the secretariat sees how far it
// got (the bytes sent, and the rows sortition has read and refused so far). Without this script the form still works as a
// plain post; a Paris roll then goes through a temporary file on the server first.
'use strict';

document.querySelectorAll('form[data-list-import]').forEach(form => form.addEventListener('submit', event => {
    event.preventDefault();
    const data = new FormData(form);
    const progress = form.querySelector('progress');
    const status = form.querySelector('[role=status]');
    const numbers = new Intl.NumberFormat(document.documentElement.lang);
    const request = new XMLHttpRequest();
    request.open('POST', form.action);
    // In a header, the antiforgery token is checked before the body is read: the list is streamed to sortition as it comes.
    request.setRequestHeader('RequestVerificationToken', data.get('__RequestVerificationToken'));
    request.upload.addEventListener('progress', sent => {
        if (sent.lengthComputable) {
            progress.max = sent.total;
            progress.value = sent.loaded;
        }
    });
    const poll = setInterval(async () => {
        const answer = await fetch(form.dataset.listImport, { headers: { accept: 'application/json' } });
        const list = answer.ok ? await answer.json() : null;
        if (list?.state === 'running') {
            status.textContent = form.dataset.progressText
                .replace('{0}', numbers.format(list.rowsRead)).replace('{1}', numbers.format(list.rowsRefused));
        }
    }, 500);
    // The answer is the draw's page with the outcome (the action redirects there): show it.
    request.addEventListener('loadend', () => {
        clearInterval(poll);
        location.assign(request.responseURL || location.href);
    });
    progress.hidden = false;
    form.querySelector('button').disabled = true;
    request.send(data);
}));
