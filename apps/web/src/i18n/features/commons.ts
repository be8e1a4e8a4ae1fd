/** The commons messages, English and French (spread into `en.ts` and `fr.ts`). */
export const commonsEn = {
  'commons.export': 'Export:',
  'commons.group': 'Export “{name}” (CC BY-SA 4.0)',
  'commons.button': 'Export “{name}” as {format}',
  'commons.format.md': 'Markdown',
  'commons.format.html': 'HTML',
  'commons.format.json': 'JSON',
  'commons.failed': 'The export could not be downloaded. Try again.',
  'commons.log': 'the decision log of {space}',
  'backup.download': 'Download a backup',
  'backup.download.label': 'Download a backup of the whole space {space}',
  'backup.download.busy': 'Preparing the backup…',
  'backup.download.failed': 'The backup could not be downloaded. Try again.',
  'backup.import.title': 'Import a space',
  'backup.import.intro':
    'From a backup file downloaded by an admin on another Ronde server: you become its admin here and invite the others again.',
  'backup.import.file': 'Backup file (.json)',
  'backup.import.name': 'Your name',
  'backup.import.submit': 'Import the space',
  'backup.import.busy': 'Importing…',
  'backup.import.done': '“{space}” is imported here, and you are its admin.',
  'backup.import.reinvite':
    'Its members were not brought over with any credential: invite them again from the space page ({names}).',
  'backup.import.open': 'Open {space}',
  'backup.import.error.noFile': 'Choose a backup file.',
  'backup.import.error.noName': 'Give your name: you become the admin of the imported space.',
  'backup.import.error.notJson': 'This file is not a Ronde backup (it is not JSON).',
  'backup.import.error.tooLarge': 'This file is too large to import (64 MiB at most).',
  'backup.import.error.invalid': 'This file is not a valid Ronde backup; nothing was imported.',
  'backup.import.error.signature':
    'An event of this backup is not signed by its author: it was changed. Nothing was imported.',
  'backup.import.error.exists': 'This server already has this space; nothing was imported.',
  'backup.import.error.forbidden': 'Only the administrator of this server may create spaces here.',
  'backup.import.error.network': 'The server could not be reached. Try again.',
  'backup.import.error.other': 'The import failed; nothing was imported. Try again.',
  'backup.import.problem.format': 'The file is not in the Ronde backup format ({where}).',
  'backup.import.problem.document': 'A document does not belong to this space: {where}.',
  'backup.import.problem.state': 'A document’s saved state is damaged or incomplete: {where}.',
  'backup.import.problem.record': 'Authorship or version records are malformed: {where}.',
  'backup.import.problem.member': 'A member entry is malformed: {where}.',
  'backup.import.problem.key': 'A device key is malformed or does not match its id: {where}.',
  'backup.import.problem.event': 'A log entry is malformed: {where}.',
  'backup.import.problem.notSigned': 'A log entry carries no signature: {where}.',
  'backup.import.problem.foreignKey':
    'A log entry is signed with a key that is not its author’s: {where}.',
  'backup.import.problem.signature': 'A log entry’s signature does not verify: {where}.',
} as const;

export const commonsFr: Readonly<Record<keyof typeof commonsEn, string>> = {
  'commons.export': 'Exporter :',
  'commons.group': 'Exporter « {name} » (CC BY-SA 4.0)',
  'commons.button': 'Exporter « {name} » en {format}',
  'commons.format.md': 'Markdown',
  'commons.format.html': 'HTML',
  'commons.format.json': 'JSON',
  'commons.failed': 'L’export n’a pas pu être téléchargé. Réessayez.',
  'commons.log': 'le registre des décisions de l’espace {space}',
  'backup.download': 'Télécharger une sauvegarde',
  'backup.download.label': 'Télécharger une sauvegarde de tout l’espace {space}',
  'backup.download.busy': 'Préparation de la sauvegarde…',
  'backup.download.failed': 'La sauvegarde n’a pas pu être téléchargée. Réessayez.',
  'backup.import.title': 'Importer un espace',
  'backup.import.intro':
    'Depuis une sauvegarde téléchargée par une administratrice ou un administrateur sur un autre serveur Ronde : vous en devenez l’admin ici et invitez de nouveau les autres.',
  'backup.import.file': 'Fichier de sauvegarde (.json)',
  'backup.import.name': 'Votre nom',
  'backup.import.submit': 'Importer l’espace',
  'backup.import.busy': 'Import en cours…',
  'backup.import.done': '« {space} » est importé ici, et vous en êtes l’admin.',
  'backup.import.reinvite':
    'Ses membres n’ont été repris avec aucun identifiant : invitez-les de nouveau depuis la page de l’espace ({names}).',
  'backup.import.open': 'Ouvrir {space}',
  'backup.import.error.noFile': 'Choisissez un fichier de sauvegarde.',
  'backup.import.error.noName': 'Donnez votre nom : vous devenez l’admin de l’espace importé.',
  'backup.import.error.notJson':
    'Ce fichier n’est pas une sauvegarde Ronde (ce n’est pas du JSON).',
  'backup.import.error.tooLarge': 'Ce fichier est trop gros pour être importé (64 Mio au plus).',
  'backup.import.error.invalid':
    'Ce fichier n’est pas une sauvegarde Ronde valide ; rien n’a été importé.',
  'backup.import.error.signature':
    'Un évènement de cette sauvegarde n’est pas signé par son auteur : il a été modifié. Rien n’a été importé.',
  'backup.import.error.exists': 'Ce serveur a déjà cet espace ; rien n’a été importé.',
  'backup.import.error.forbidden': 'Seule l’administration de ce serveur peut y créer des espaces.',
  'backup.import.error.network': 'Le serveur est injoignable. Réessayez.',
  'backup.import.error.other': 'L’import a échoué ; rien n’a été importé. Réessayez.',
  'backup.import.problem.format': 'Le fichier n’est pas au format des sauvegardes Ronde ({where}).',
  'backup.import.problem.document': 'Un document n’appartient pas à cet espace : {where}.',
  'backup.import.problem.state':
    'L’état enregistré d’un document est abîmé ou incomplet : {where}.',
  'backup.import.problem.record':
    'Des données d’autrice ou auteur ou de versions sont mal formées : {where}.',
  'backup.import.problem.member': 'Une fiche de membre est mal formée : {where}.',
  'backup.import.problem.key':
    'Une clé d’appareil est mal formée ou ne correspond pas à son identifiant : {where}.',
  'backup.import.problem.event': 'Une entrée de journal est mal formée : {where}.',
  'backup.import.problem.notSigned': 'Une entrée de journal ne porte aucune signature : {where}.',
  'backup.import.problem.foreignKey':
    'Une entrée de journal est signée d’une clé qui n’est pas celle de son autrice ou auteur : {where}.',
  'backup.import.problem.signature':
    'La signature d’une entrée de journal ne se vérifie pas : {where}.',
} as const;
