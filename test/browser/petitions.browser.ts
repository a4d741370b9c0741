import { assemblyWithPetition, residentToken, baseUrl, uniqueEmail } from './support/api.js';
import { expect, test } from './support/fixtures.js';

test.describe('petitions', () => {
  test('a resident finds a petition, supports it, sees supports arrive live, withdraws; proposes one (draft, then submit)', async ({ page, axe, shot }) => {
    const { assemblyId, petitionId } = await assemblyWithPetition('Des fontaines dans chaque square', 5);
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });

    // Sign up, then the list: search in French finds it with its supports drawn against the threshold.
    const email = uniqueEmail('lea');
    await page.goto('/signup?next=/petitions');
    await page.getByLabel('Votre nom').fill('Léa Dubois');
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill('encore une phrase de passe');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pétitions');
    await page.goto(`/petitions?assembly=${assemblyId}`);
    await page.getByRole('searchbox', { name: 'Rechercher' }).fill('fontaine');
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Pétitions pour « fontaine »' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Des fontaines dans chaque square' })).toBeVisible();
    await expect(page.getByText('0 soutien sur 5 nécessaires (0 %)')).toBeVisible();
    // Someone supports it meanwhile: the list shows it without reloading.
    const supportAs = async (token: string): Promise<void> => {
      const response = await fetch(`${baseUrl()}/api/proposals/${petitionId}/support`, { method: 'PUT', headers: { Authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
    };
    await supportAs(await residentToken());
    await expect(page.getByText('1 soutien sur 5 nécessaires (20 %)')).toBeVisible();
    await page.getByRole('searchbox', { name: 'Rechercher' }).fill('trottinettes');
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await expect(page.getByText('Aucune pétition ne correspond.', { exact: false })).toBeVisible();
    await axe(page, 'petitions: list');
    await page.getByRole('searchbox', { name: 'Rechercher' }).fill('');
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();

    // The petition: its Markdown rendered, the author's HTML shown as text and never run.
    await page.getByRole('link', { name: 'Des fontaines dans chaque square' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Des fontaines dans chaque square');
    await expect(page.locator('.prose strong')).toHaveText('des fontaines');
    await expect(page.locator('.prose li')).toHaveCount(2);
    await expect(page.locator('.prose')).toContainText('<script>alert(1)</script>');
    await expect(page.locator('.prose script')).toHaveCount(0);
    expect(dialogs).toBe(0);

    // Support, then see another resident's support arrive without reloading.
    await page.getByRole('button', { name: 'Soutenir cette pétition' }).click();
    await expect(page.getByText('Votre soutien est enregistré.')).toBeVisible();
    await expect(page.getByText('2 soutiens sur 5 nécessaires (40 %)')).toBeVisible();
    await supportAs(await residentToken());
    await expect(page.getByText('3 soutiens sur 5 nécessaires (60 %)')).toBeVisible();
    await axe(page, 'petition: supported');
    await shot(page, 'petition-fr');

    // Withdraw the support.
    await page.getByRole('button', { name: 'Retirer mon soutien' }).click();
    await expect(page.getByText('Votre soutien est retiré.')).toBeVisible();
    await expect(page.getByText('2 soutiens sur 5 nécessaires (40 %)')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Soutenir cette pétition' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Versions et amendements' })).toBeVisible();
    await expect(page.getByText(/Version 1 —/)).toBeVisible();

    // Propose a petition: the form says what is missing; the draft is private until submitted.
    await page.goto(`/petitions/new?assembly=${assemblyId}`);
    await expect(page.getByText('Une fois déposée, elle devra réunir 5 soutiens en 30 jours.')).toBeVisible();
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Donnez un titre à votre pétition.' })).toBeFocused();
    await axe(page, 'petition editor with errors');
    await page.getByLabel('Titre').fill('Ouvrir les cours d’école le samedi');
    await page.getByLabel('Texte', { exact: true }).fill('Les cours d’école pourraient accueillir les familles du quartier **le samedi**.');
    await page.getByLabel('Thème (facultatif)').fill('éducation');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ouvrir les cours d’école le samedi');
    await expect(page.getByText('Ce brouillon n’est visible que par vous.', { exact: false })).toBeVisible();
    await axe(page, 'petition draft');
    await page.getByRole('button', { name: 'Déposer la pétition' }).click();
    await expect(page.getByText('En quête de soutiens', { exact: true })).toBeVisible();
    await expect(page.getByText('0 soutien sur 5 nécessaires (0 %)')).toBeVisible();
  });
});
