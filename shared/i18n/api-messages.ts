/**
 * The API's error messages in French, gettext-style: the English text the source writes is the
 * message id. A pattern writes the parts that vary as `{a}`, `{b}`, …; the French template puts
 * back what they matched. Field ids (`line1`, `email`) are JSON keys and stay as they are.
 *
 * Imported by the server (its error mapper) and by the browser: it imports nothing but types.
 * A message with no pattern goes out in English, as written.
 */

/** English pattern → French template. */
export const FRENCH_MESSAGES: Record<string, string> = {
  // --- Generic answers, database rules (server/lib/errors.ts) and what h3 or valibot say by themselves.
  'Validation failed': 'Données non valides',
  'Bad request': 'Requête incorrecte',
  'Authentication required': 'Connexion requise',
  'Forbidden': 'Accès refusé',
  'Not found': 'Introuvable',
  'Method not allowed': 'Méthode non autorisée',
  'Conflict': 'Conflit',
  'Request body too large': 'Corps de la requête trop volumineux',
  'Unsupported media type': 'Type de contenu non pris en charge',
  'Too many requests': 'Trop de requêtes',
  'Internal server error': 'Erreur interne du serveur',
  'Service unavailable': 'Service indisponible',
  'Conflict with an existing record': 'Conflit avec un enregistrement existant',
  'Conflict with a related record': 'Conflit avec un enregistrement lié',
  'The change would break a data rule': 'Cette modification enfreindrait une règle des données',
  'Invalid value': 'Valeur non valide',
  'Number out of range': 'Nombre hors limites',
  'The shop is busy: try again in a moment': 'La boutique est très sollicitée : réessayez dans un instant',
  '{a} is required': '{a} : champ obligatoire',
  'Bad Request': 'Requête incorrecte',
  'Unauthorized': 'Connexion requise',
  'Not Found': 'Introuvable',
  'Method Not Allowed': 'Méthode non autorisée',
  'Payload Too Large': 'Corps de la requête trop volumineux',
  'Too Many Requests': 'Trop de requêtes',
  'Internal Server Error': 'Erreur interne du serveur',
  'Service Unavailable': 'Service indisponible',
  'Invalid JSON body': 'Corps JSON non valide',
  'HTTP method is not allowed.': 'Méthode HTTP non autorisée.',
  'Validation Error': 'Données non valides',
  'Method {a} is not allowed on this route.': 'La méthode {a} n’est pas autorisée sur cette route.',
  'Cannot find any route matching {a}.': 'Aucune route ne correspond à {a}.',
  'Cannot find any path matching {a}.': 'Aucun chemin ne correspond à {a}.',
  'Invalid type: Expected {a} but received {b}': 'Type non valide (attendu : {a}, reçu : {b})',
  'Invalid value: Expected {a} but received {b}': 'Valeur non valide (attendu : {a}, reçu : {b})',
  'Invalid length: Expected {a} but received {b}': 'Longueur non valide (attendu : {a}, reçu : {b})',
  'Invalid key: Expected {a} but received {b}': 'Clé non valide (attendu : {a}, reçu : {b})',
  'Invalid format: Expected {a} but received {b}': 'Format non valide (attendu : {a}, reçu : {b})',
  'Invalid {a}: Expected {b} but received {c}': '{a} non valide (attendu : {b}, reçu : {c})',
  'Invalid type: Received {a}': 'Type non valide (reçu : {a})',
  'Invalid value: Received {a}': 'Valeur non valide (reçu : {a})',
  'Invalid {a}: Received {b}': '{a} non valide (reçu : {b})',

  // --- Requests: middleware, rate limits, sessions, sign-in.
  'A Content-Length header is required': 'Un en-tête Content-Length est requis',
  'Invalid Content-Length header': 'En-tête Content-Length non valide',
  'Images are sent as multipart/form-data': 'Les images s’envoient en multipart/form-data',
  'Request body too large (at most {a} bytes)': 'Corps de la requête trop volumineux ({a} octets au plus)',
  'Request bodies must be JSON (Content-Type: application/json)': 'Le corps des requêtes doit être du JSON (Content-Type: application/json)',
  'The shop is starting or its database is unreachable; try again shortly': 'La boutique démarre ou sa base de données est injoignable : réessayez d’ici peu',
  'Database unavailable': 'Base de données indisponible',
  'Cross-site request refused (no Origin)': 'Requête intersite refusée (pas d’en-tête Origin)',
  'Cross-site request refused': 'Requête intersite refusée',
  'No such API endpoint': 'Ce point d’accès de l’API n’existe pas',
  'Too many requests; slow down': 'Trop de requêtes : ralentissez',
  'Too many pages asked for from your address; please wait a minute.\n': 'Trop de pages demandées depuis votre adresse : veuillez patienter une minute.\n',
  'Too many sign-in attempts; try again later': 'Trop de tentatives de connexion : réessayez plus tard',
  'Too many new accounts from this address; try again later': 'Trop de nouveaux comptes créés depuis cette adresse : réessayez plus tard',
  'Too many wrong current passwords; try again later': 'Trop d’erreurs sur le mot de passe actuel : réessayez plus tard',
  'A confirmation link was sent several times already; check your mailbox, or try again later': 'Un lien de confirmation vous a déjà été envoyé plusieurs fois : consultez votre messagerie, ou réessayez plus tard',
  'This session was renewed too often; try again later': 'Cette session a été renouvelée trop souvent : réessayez plus tard',
  'This session was ended because its refresh token was used twice': 'Cette session a été fermée car son jeton de renouvellement a servi deux fois',
  'Session expired; please sign in again': 'Session expirée : veuillez vous reconnecter',
  'Admins only': 'Réservé aux administrateurs',
  'Invalid email or password': 'E-mail ou mot de passe incorrect',
  'This account has been deactivated': 'Ce compte a été désactivé',
  'This address is already confirmed': 'Cette adresse est déjà confirmée',
  'This link is not valid or has expired; ask for a new one from your account page': 'Ce lien n’est pas valide ou a expiré : demandez-en un nouveau depuis la page de votre compte',
  'Signed out': 'Déconnexion effectuée',
  'Signed out everywhere': 'Déconnexion effectuée sur tous vos appareils',
  'A new confirmation link is on its way to {a}': 'Un nouveau lien de confirmation est en route vers {a}',

  // --- Accounts.
  'Already taken': 'Déjà utilisé',
  'This email is already registered': 'Un compte existe déjà avec cet e-mail',
  'This username is taken': 'Ce nom d’utilisateur est déjà pris',
  'The current password is not correct': 'Le mot de passe actuel est incorrect',
  'You cannot remove your own admin rights or deactivate your own account': 'Vous ne pouvez pas retirer vos propres droits d’administrateur ni désactiver votre propre compte',
  'Ask another admin': 'Demandez à un autre administrateur',
  'User not found': 'Utilisateur introuvable',
  'Address not found': 'Adresse introuvable',
  'Address deleted': 'Adresse supprimée',
  'Your address book is full ({a} addresses): delete one first': 'Votre carnet d’adresses est plein ({a} adresses) : supprimez-en une d’abord',

  // --- Products, photos, stock, import.
  'Product not found': 'Produit introuvable',
  'Product deleted': 'Produit supprimé',
  'SKU already used': 'SKU déjà utilisé',
  'Another product has this SKU': 'Un autre produit a déjà ce SKU',
  'This product appears in orders and cannot be deleted; deactivate it instead': 'Ce produit figure dans des commandes et ne peut pas être supprimé : désactivez-le plutôt',
  'Not enough stock: {a} in stock, cannot remove {b}': 'Stock insuffisant : {a} en stock, impossible d’en retirer {b}',
  'Stock cannot go below zero': 'Le stock ne peut pas descendre sous zéro',
  'Image not found': 'Image introuvable',
  'Send one file in the "image" field': 'Envoyez un seul fichier dans le champ « image »',
  'Choose one image file': 'Choisissez un fichier image',
  'Image too large (at most {a} MB)': 'Image trop lourde ({a} Mo au plus)',
  'Image too large (at most {a})': 'Image trop lourde ({a} au plus)',
  'The file must be at most {a} MB': 'Le fichier doit peser {a} Mo au plus',
  'The file must be at most {a}': 'Le fichier doit peser {a} au plus',
  'The file is not an image': 'Le fichier n’est pas une image',
  'Images must be JPEG, PNG or WebP (this file is {a})': 'Les images doivent être au format JPEG, PNG ou WebP (ce fichier est au format {a})',
  'The image could not be decoded (damaged or truncated file)': 'L’image n’a pas pu être décodée (fichier endommagé ou tronqué)',
  'Animated images are not accepted': 'Les images animées ne sont pas acceptées',
  'The image is too large (at most {a} megapixels)': 'L’image est trop grande ({a} mégapixels au plus)',
  'The image is too small: at least {a} × {b} pixels': 'L’image est trop petite : {a} × {b} pixels au minimum',
  'Photos are processed by the Node server: upload them there (this is the edge build)': 'Les photos sont traitées par le serveur Node : envoyez-les-y (ceci est la version edge)',
  'The file is empty': 'Le fichier est vide',
  'The file has a header but no rows': 'Le fichier a une ligne d’en-tête mais aucune ligne de produit',
  'The file has {a} rows: import at most {b} at a time': 'Le fichier compte {a} lignes : importez-en {b} au plus à la fois',
  'The file is not valid CSV': 'Le fichier n’est pas un CSV valide',
  'The file is not valid CSV: {a}': 'Le fichier n’est pas un CSV valide : {a}',
  'Unknown column {a}: the columns are {b}': 'Colonne inconnue {a} : les colonnes sont {b}',
  'Unknown columns {a}: the columns are {b}': 'Colonnes inconnues {a} : les colonnes sont {b}',
  'The column "{a}" appears twice': 'La colonne « {a} » apparaît deux fois',
  'The header has no "sku" column: rows are matched to products by SKU': 'L’en-tête n’a pas de colonne « sku » : les lignes sont rapprochées des produits par leur SKU',
  '{a} cells where the header has {b}': '{a} cellules alors que l’en-tête en compte {b}',
  'sku is required: rows are matched to products by SKU': 'sku : champ obligatoire, les lignes sont rapprochées des produits par leur SKU',
  'The SKU {a} is already on line {b}': 'Le SKU {a} figure déjà à la ligne {b}',
  'vat_rate must be a rate in per cent, like 5.5': 'vat_rate : un taux en pour cent est attendu, comme 5,5',
  'is_active must be true or false (or yes/no, 1/0)': 'is_active : true ou false attendu (ou yes/no, 1/0)',
  '{a} row is rejected: nothing was imported': '{a} ligne est rejetée : rien n’a été importé',
  '{a} rows are rejected: nothing was imported': '{a} lignes sont rejetées : rien n’a été importé',
  'Some of these products changed since the preview (a sale, another edit): preview the file again': 'Certains de ces produits ont changé depuis l’aperçu (une vente, une autre modification) : prévisualisez de nouveau le fichier',

  // --- Orders, deliveries, discount codes, payments.
  'Order not found': 'Commande introuvable',
  'Invoice not found': 'Facture introuvable',
  'Invalid Idempotency-Key header': 'En-tête Idempotency-Key non valide',
  'This Idempotency-Key was already used for a different order': 'Cette Idempotency-Key a déjà servi pour une autre commande',
  'An order with this Idempotency-Key is still being placed': 'Une commande avec cette Idempotency-Key est encore en cours d’enregistrement',
  'Confirm your e-mail address before ordering: open the link we mailed you, or ask for a new one from your account page': 'Confirmez votre adresse e-mail avant de commander : ouvrez le lien que nous vous avons envoyé, ou demandez-en un nouveau depuis la page de votre compte',
  'Not confirmed yet': 'Pas encore confirmée',
  'Not one of your saved addresses': 'Cette adresse ne figure pas dans votre carnet',
  'A delivery needs a structured address (address or address_id): its country decides the price': 'Une livraison demande une adresse structurée (address ou address_id) : son pays en fixe le prix',
  'Choose a delivery': 'Choisissez un mode de livraison',
  'Paying through the shop needs a structured address (address or address_id) and a delivery': 'Payer par la boutique demande une adresse structurée (address ou address_id) et un mode de livraison',
  'Some items are not available in the quantity asked': 'Certains articles ne sont pas disponibles dans la quantité demandée',
  'This product is not for sale': 'Ce produit n’est pas en vente',
  '{a} is out of stock': '{a} est en rupture de stock',
  'Only {a} of {b} left': '{b} : plus que {a} en stock',
  'This delivery cannot take the order': 'Ce mode de livraison ne peut pas prendre en charge la commande',
  'This delivery is not offered': 'Ce mode de livraison n’est pas proposé',
  '{a} does not deliver to this country': '{a} ne livre pas dans ce pays',
  '{a} does not take a parcel of {b} kg': '{a} ne prend pas les colis de {b} kg',
  'Shipping method not found': 'Mode de livraison introuvable',
  'This order is no longer awaiting a payment due by then': 'Cette commande n’attend plus de paiement à cette échéance',
  'This order is shipped and can no longer be cancelled': 'Cette commande est expédiée et ne peut plus être annulée',
  'This order is delivered and can no longer be cancelled': 'Cette commande est livrée et ne peut plus être annulée',
  'This order is cancelled and can no longer be cancelled': 'Cette commande est déjà annulée',
  'This order is {a} and can no longer be cancelled': 'Cette commande (statut {a}) ne peut plus être annulée',
  'This order awaits its payment: it is confirmed when the payment is received': 'Cette commande attend son paiement : elle sera confirmée à sa réception',
  'An order cannot go from {a} to {b}': 'Une commande ne peut pas passer du statut {a} au statut {b}',
  'The order changed meanwhile; reload it': 'La commande a changé entre-temps : rechargez-la',
  'Discount code not found': 'Code de réduction introuvable',
  'This code exists already': 'Ce code existe déjà',
  'This code does not exist or is no longer offered': 'Ce code n’existe pas ou n’est plus proposé',
  'This code is not valid yet': 'Ce code n’est pas encore valable',
  'This code has expired': 'Ce code a expiré',
  'This code needs an order of at least {a}': 'Ce code demande une commande d’au moins {a}',
  'This code has been used up': 'Ce code a atteint son nombre maximal d’utilisations',
  'You have already used this code': 'Vous avez déjà utilisé ce code',
  'This payment method is not available': 'Ce moyen de paiement n’est pas disponible',
  'Card payments are not available in this shop': 'Le paiement par carte n’est pas proposé dans cette boutique',
  'Bank transfers are not available in this shop': 'Le virement bancaire n’est pas proposé dans cette boutique',
  'Card payments are not available right now': 'Le paiement par carte est indisponible pour le moment',
  'Card payments are not configured': 'Le paiement par carte n’est pas configuré',
  'A signed Stripe event is expected': 'Un événement Stripe signé est attendu',
  'Invalid Stripe signature': 'Signature Stripe non valide',
  'This order is not awaiting a payment': 'Cette commande n’attend pas de paiement',
  'This order is paid by bank transfer: see its page for the details': 'Cette commande se règle par virement bancaire : les coordonnées sont sur sa page',
  'This order is paid by card: Stripe confirms it': 'Cette commande se règle par carte : c’est Stripe qui confirme le paiement',
  'This order is paid: its confirmation is on its way': 'Cette commande est payée : sa confirmation est en route',
  'The card payment page could not be opened; try again in a moment': 'La page de paiement par carte n’a pas pu s’ouvrir : réessayez dans un instant',
  'This order has no payment to record': 'Cette commande n’a aucun paiement à enregistrer',
  'This transfer was already recorded': 'Ce virement a déjà été enregistré',
  'This order has no bank refund waiting to be sent': 'Cette commande n’a aucun remboursement par virement en attente d’envoi',

  // --- Schema rules (shared/schemas): most are `<field> …` templates.
  '{a} must be a number': '{a} : un nombre est attendu',
  '{a} must be a whole number': '{a} : un nombre entier est attendu',
  '{a} must be a positive whole number': '{a} : un nombre entier positif est attendu',
  '{a} must be a number of grams': '{a} : un nombre de grammes est attendu',
  '{a} must be whole grams': '{a} : un nombre entier de grammes est attendu',
  '{a} must be at least {b}': '{a} : au moins {b}',
  '{a} must be at most {b}': '{a} : au plus {b}',
  '{a} is at most {b}': '{a} : au plus {b}',
  '{a} is at most 1,000,000': '{a} : au plus 1\u202F000\u202F000',
  '{a} must be below 1,000,000': '{a} : doit être inférieur à 1\u202F000\u202F000',
  '{a} must be more than {b}': '{a} : doit être supérieur à {b}',
  '{a} must not be negative': '{a} : la valeur ne peut pas être négative',
  '{a} must not be {b}': '{a} : ne peut pas valoir {b}',
  '{a} must not be below {b}': '{a} : ne peut pas être inférieur à {b}',
  '{a} must not be empty': '{a} : ne peut pas être vide',
  '{a} has at most two decimals': '{a} : deux décimales au plus',
  '{a} must be an amount like {b}': '{a} : un montant est attendu, comme {b}',
  '{a} is at most {b} characters': '{a} : {b} caractères au plus',
  '{a} are at most {b} characters': '{a} : {b} caractères au plus',
  '{a} must be at most {b} characters': '{a} : {b} caractères au plus',
  '{a} must be at least {b} characters': '{a} : {b} caractères au moins',
  '{a} must be text': '{a} : du texte est attendu',
  '{a} must be a list': '{a} : une liste est attendue',
  '{a} must be a UUID': '{a} : un UUID est attendu',
  '{a} must be true or false': '{a} : true ou false attendu',
  '{a} must be {b} or {c}': '{a} : {b} ou {c} attendu',
  '{a} must be one of {b}': '{a} : valeur attendue parmi {b}',
  '{a} must be a date': '{a} : une date est attendue',
  '{a} must be a date like {b}': '{a} : une date est attendue, comme {b}',
  '{a} must be a date and time like {b}': '{a} : une date et une heure sont attendues, comme {b}',
  '{a} must come after {b}': '{a} : doit venir après {b}',
  '{a} must be a phone number like {b}': '{a} : un numéro de téléphone est attendu, comme {b}',
  '{a} must be a valid address': '{a} : adresse non valide',
  '{a} is too long': '{a} : trop long',
  '{a} must be {b} to {c} letters, digits, dots, dashes or underscores': '{a} : de {b} à {c} lettres, chiffres, points, tirets ou tirets bas',
  '{a} is {b} to {c} letters, digits, dots, dashes or underscores': '{a} : de {b} à {c} lettres, chiffres, points, tirets ou tirets bas',
  'a code is {a} to {b} letters, digits, dashes or underscores': 'un code compte de {a} à {b} lettres, chiffres, tirets ou tirets bas',
  '{a} must be {b} to {c} visible ASCII characters': '{a} : de {b} à {c} caractères ASCII visibles',
  'page starts at 1': 'page : la numérotation commence à 1',
  'the code must be text': 'le code doit être du texte',
  'csv must be the file\'s text': 'csv : le texte du fichier est attendu',
  'current_password is required to change the password': 'current_password : obligatoire pour changer de mot de passe',
  'stock changes through PATCH /api/products/:id/stock': 'stock : se modifie par PATCH /api/products/:id/stock',
  'nothing to update': 'rien à modifier',
  'give either stock (the new level) or delta (the change), not both': 'indiquez soit stock (le nouveau niveau), soit delta (la variation), mais pas les deux',
  'give either percent or amount': 'indiquez soit percent, soit amount',
  'give one of shipping_address (text), address (structured) or address_id (from your address book)': 'indiquez un seul champ parmi shipping_address (texte), address (structurée) ou address_id (de votre carnet d’adresses)',
  'shipping_address needs a name, a street, a postcode and a town': 'shipping_address : il faut un nom, une rue, un code postal et une ville',
  'a cart has at most {a} lines': 'un panier compte {a} lignes au plus',
  'an order has at most {a} lines': 'une commande compte {a} lignes au plus',
  'at most {a} lines': '{a} lignes au plus',
  'an order needs at least one item': 'une commande doit contenir au moins un article',
  'each product may appear only once': 'chaque produit ne peut figurer qu’une fois',
  'each country must be one of {a}': 'chaque pays doit figurer parmi {a}',
  'a method serves at least one country': 'un mode de livraison dessert au moins un pays',
  'a method needs at least one rate': 'un mode de livraison demande au moins un tarif',
  'a method has at most {a} rates': 'un mode de livraison compte {a} tarifs au plus',
  'only one rate may have no weight limit': 'un seul tarif peut être sans limite de poids',
  'two rates have the same weight limit': 'deux tarifs ont la même limite de poids',
  'postcode must look like {a} in {b}': 'postcode : format attendu {a} ({b})',
  'postcode must look like {a} in France': 'postcode : format attendu {a} en France',
  'postcode must look like {a} in Belgium': 'postcode : format attendu {a} en Belgique',
  'postcode must look like {a} in Luxembourg': 'postcode : format attendu {a} au Luxembourg',
  'postcode must look like {a} in Switzerland': 'postcode : format attendu {a} en Suisse',
  'postcode must look like {a} in Germany': 'postcode : format attendu {a} en Allemagne',
  'postcode must look like {a} in Netherlands': 'postcode : format attendu {a} aux Pays-Bas',
  'postcode must look like {a} in Spain': 'postcode : format attendu {a} en Espagne',
  'postcode must look like {a} in Italy': 'postcode : format attendu {a} en Italie',
  'postcode must look like {a} in United Kingdom': 'postcode : format attendu {a} au Royaume-Uni',
  'postcode must look like {a} in United States': 'postcode : format attendu {a} aux États-Unis',
}

interface Pattern {
  regex: RegExp
  names: string[]
  french: string
  literal: number
}

const PLACEHOLDER = /\{([a-z])\}/g

let exact: Map<string, string> | undefined
let patterns: Pattern[] | undefined

function compile() {
  exact = new Map()
  patterns = []
  for (const [english, french] of Object.entries(FRENCH_MESSAGES)) {
    const names = [...english.matchAll(PLACEHOLDER)].map(match => match[1]!)
    if (names.length === 0) {
      exact.set(english, french)
      continue
    }
    const parts = english.split(PLACEHOLDER).filter((_, i) => i % 2 === 0)
    const source = parts.map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('(.+?)')
    patterns.push({ regex: new RegExp(`^${source}$`, 's'), names, french, literal: parts.join('').length })
  }
  // The longest literal text first: a specific pattern beats the generic one it also fits.
  patterns.sort((a, b) => b.literal - a.literal || a.names.length - b.names.length)
}

/** A value as the English messages write it, the French way: `€1,250.50` → `1 250,50 €`, `31.5` → `31,5`. */
function frenchValue(value: string) {
  const price = /^(-?)€(\d{1,3}(?:,\d{3})*)(?:\.(\d{2}))?$/.exec(value)
  if (price) return `${price[1]}${price[2]!.replace(/,/g, '\u202F')}${price[3] ? `,${price[3]}` : ''}\u00A0€`
  return /^\d+\.\d+$/.test(value) ? value.replace('.', ',') : value
}

/** `field: message`, as the product import reports a row's reasons. */
const FIELD_PREFIX = /^([\w.-]+): (.+)$/s

/**
 * The longest message translated: the shop's own are far shorter; a longer one carries what
 * a client sent (valibot's defaults quote the input), which could make the patterns' lazy
 * groups backtrack for seconds. It goes out as it came.
 */
const MAX_TRANSLATED_LENGTH = 300

/** The message in `locale`: French when a pattern fits it, else as it came. */
export function translateMessage(message: string, locale: 'en' | 'fr'): string {
  if (locale !== 'fr' || !message || message.length > MAX_TRANSLATED_LENGTH) return message
  if (!exact) compile()
  const fixed = exact!.get(message)
  if (fixed !== undefined) return fixed
  const prefixed = FIELD_PREFIX.exec(message)
  if (prefixed) {
    const inner = translateMessage(prefixed[2]!, locale)
    if (inner !== prefixed[2]) return `${prefixed[1]} : ${inner}`
  }
  for (const pattern of patterns!) {
    const match = pattern.regex.exec(message)
    if (!match) continue
    const values: Record<string, string> = {}
    pattern.names.forEach((name, i) => {
      values[name] = frenchValue(match[i + 1]!)
    })
    return pattern.french.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole)
  }
  return message
}
