import * as React from 'react';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { Box, Button, Dialog, Field, Flex, Typography } from '@strapi/design-system';

/**
 * The « Envoi aux abonnés » panel of a newsletter's edit view: a test to one address, the one
 * real send (after a confirmation), and its progress while it runs. Talks to the CMS's admin
 * routes /hub/newsletters/:documentId/* (cms/src/newsletters/routes.ts).
 */

interface SendingStatus {
  published: boolean;
  audience: number | null;
  job: null | {
    state: 'preparing' | 'sending' | 'done';
    total: number;
    sent: number;
    failed: number;
    remaining: number;
    retrying: number;
    inDoubt: number;
    createdAt: string;
    startedAt: string | null;
    finishedAt: string | null;
  };
}

const STATE_LABEL = { preparing: 'Préparation de l’envoi…', sending: 'Envoi en cours', done: 'Envoi terminé' } as const;
const POLL_MS = 2000;

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('fr-FR', { dateStyle: 'long', timeStyle: 'short' }) : '—');
const plural = (n: number, one: string, many: string) => `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`;

/** The French message of a refusal from our routes, or a generic one. */
function messageOf(error: unknown): string {
  const e = error as { response?: { data?: { error?: { message?: string } } }; message?: string };
  return e?.response?.data?.error?.message ?? 'Le CMS n’a pas répondu. Vérifiez votre connexion puis réessayez.';
}

/** A plain bar: the design system's ProgressBar is drawn for dark backgrounds. */
function Progress({ percent }: { percent: number }) {
  return (
    <Box role="progressbar" aria-label="Progression de l’envoi" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} background="neutral150" hasRadius height="0.5rem" overflow="hidden">
      <Box background="primary600" height="100%" width={`${percent}%`} />
    </Box>
  );
}

export function SendingPanel({ documentId }: { documentId: string }) {
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [status, setStatus] = React.useState<SendingStatus | null>(null);
  const [loadError, setLoadError] = React.useState<string | null>(null);
  const [testEmail, setTestEmail] = React.useState('');
  const [testError, setTestError] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState<'test' | 'send' | null>(null);
  const base = `/hub/newsletters/${encodeURIComponent(documentId)}`;

  const refresh = React.useCallback(async () => {
    try {
      const res = await get<{ data: SendingStatus }>(`${base}/sending`);
      setStatus(res.data.data);
      setLoadError(null);
    } catch (error) {
      setLoadError(messageOf(error));
    }
  }, [get, base]);

  React.useEffect(() => {
    void refresh();
  }, [refresh]);

  const running = status?.job && status.job.state !== 'done';
  React.useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [running, refresh]);

  async function sendTest() {
    if (!testEmail || busy) return;
    setBusy('test');
    setTestError(null);
    try {
      await post(`${base}/test`, { email: testEmail });
      toggleNotification({ type: 'success', message: `Lettre de test envoyée à ${testEmail}.` });
    } catch (error) {
      setTestError(messageOf(error));
    } finally {
      setBusy(null);
    }
  }

  async function send() {
    setBusy('send');
    try {
      const res = await post<{ data: SendingStatus }>(`${base}/send`, {});
      setStatus(res.data.data);
      toggleNotification({ type: 'success', message: 'Envoi lancé : vous pouvez quitter cette page, il continue.' });
    } catch (error) {
      toggleNotification({ type: 'danger', message: messageOf(error) });
      void refresh();
    } finally {
      setBusy(null);
    }
  }

  const job = status?.job ?? null;
  const done = job ? job.sent + job.failed : 0;
  return (
    <Flex direction="column" alignItems="stretch" gap={4} width="100%">
      {loadError && (
        <Typography variant="pi" textColor="danger600" role="alert">
          {loadError}
        </Typography>
      )}

      {/* No <form>: the panel sits inside the edit view's own form, and forms do not nest. */}
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Field.Root name="hub-test-email" error={testError ?? undefined} hint="Le brouillon tel qu’enregistré, marqué [Test]. Autant de fois que nécessaire.">
          <Field.Label>Adresse pour un envoi de test</Field.Label>
          <Field.Input
            type="email"
            autoComplete="email"
            value={testEmail}
            onChange={(e: React.ChangeEvent<HTMLInputElement>) => setTestEmail(e.target.value)}
            onKeyDown={(e: React.KeyboardEvent<HTMLInputElement>) => {
              if (e.key !== 'Enter') return;
              e.preventDefault();
              void sendTest();
            }}
          />
          <Field.Hint />
          <Field.Error />
        </Field.Root>
        <Button type="button" variant="secondary" loading={busy === 'test'} disabled={!testEmail || busy !== null} fullWidth onClick={() => void sendTest()}>
          Envoyer un test
        </Button>
      </Flex>

      <Box borderColor="neutral200" borderStyle="solid" borderWidth="1px 0 0 0" paddingTop={4}>
        {!status ? (
          <Typography variant="pi">Chargement…</Typography>
        ) : job ? (
          <Flex direction="column" alignItems="stretch" gap={2} aria-live="polite">
            <Typography variant="omega" fontWeight="bold">
              {STATE_LABEL[job.state]}
            </Typography>
            <Progress percent={job.total ? Math.round((done / job.total) * 100) : 100} />
            <Typography variant="pi">
              Envoyés : {job.sent.toLocaleString('fr-FR')} · Échecs : {job.failed.toLocaleString('fr-FR')} · Restants : {job.remaining.toLocaleString('fr-FR')}
            </Typography>
            {job.retrying > 0 && <Typography variant="pi">dont {plural(job.retrying, 'adresse refusée pour l’instant, à réessayer', 'adresses refusées pour l’instant, à réessayer')}</Typography>}
            <Typography variant="pi" textColor="neutral600">
              Lancé le {when(job.startedAt ?? job.createdAt)}
              {job.finishedAt ? ` · terminé le ${when(job.finishedAt)}` : ''}
            </Typography>
            {job.inDoubt > 0 && (
              <Typography variant="pi" textColor="neutral600">
                {`${plural(job.inDoubt, 'message était', 'messages étaient')} en cours d’envoi quand le CMS s’est arrêté : renvoyé${job.inDoubt > 1 ? 's' : ''} au redémarrage (un seul exemplaire par un relais en clair ; par une connexion chiffrée, un doublon reste possible).`}
              </Typography>
            )}
            {job.failed > 0 && (
              <Typography variant="pi" textColor="neutral600">
                Les adresses refusées définitivement sont suspendues : elles ne recevront plus rien sans nouvelle inscription.
              </Typography>
            )}
          </Flex>
        ) : !status.published ? (
          <Typography variant="pi">Publiez la lettre pour pouvoir l’envoyer aux abonnés.</Typography>
        ) : (
          <Flex direction="column" alignItems="stretch" gap={2}>
            <Typography variant="pi">
              {status.audience ? `${plural(status.audience, 'abonné·e actif·ve recevra', 'abonné·e·s actif·ve·s recevront')} la version publiée.` : 'Aucun abonné actif pour le moment.'}
            </Typography>
            <Dialog.Root>
              <Dialog.Trigger>
                <Button fullWidth loading={busy === 'send'} disabled={busy !== null || !status.audience}>
                  Envoyer la lettre
                </Button>
              </Dialog.Trigger>
              <Dialog.Content>
                <Dialog.Header>Envoyer la lettre ?</Dialog.Header>
                <Dialog.Body>
                  {`La version publiée partira à ${plural(status.audience ?? 0, 'abonné·e', 'abonné·e·s')}. Une lettre ne s’envoie qu’une fois : l’envoi ne pourra être ni annulé ni refait.`}
                </Dialog.Body>
                <Dialog.Footer>
                  <Dialog.Cancel>
                    <Button variant="tertiary">Annuler</Button>
                  </Dialog.Cancel>
                  <Dialog.Action>
                    <Button onClick={() => void send()}>Envoyer</Button>
                  </Dialog.Action>
                </Dialog.Footer>
              </Dialog.Content>
            </Dialog.Root>
          </Flex>
        )}
      </Box>
    </Flex>
  );
}
