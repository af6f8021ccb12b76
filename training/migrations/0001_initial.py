"""Training modules and their applications move from ``workshops`` to this app with
their rows: this migration only takes them into the new app's state (their tables are
still ``workshops_*``); 0002 renames the tables and moves the content types, so pages,
revisions, translations and permissions keep pointing at the same rows."""

import django.db.models.deletion
import events.bookings
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('workshops', '0002_registrations_applications'),
        # Made the staff groups' permissions on the old content types: before the move.
        ('residents', '0004_staff_groups'),
        ('events', '0009_session_stream_url_booking_reminded_at'),
        ('home', '0001_initial'),
        ('wagtailcore', '0098_apitoken'),
        ('wagtailimages', '0027_image_description'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='TrainingModulePage',
                fields=[
                    ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                    ('summary', models.TextField(help_text='One or two sentences, shown in listings and calendars.', verbose_name='summary')),
                    ('audience', models.CharField(choices=[('all', 'Everyone'), ('young', 'Young people'), ('families', 'Families'), ('adults', 'Adults'), ('professionals', 'Emerging professionals')], default='professionals', max_length=20, verbose_name='audience')),
                    ('curriculum', wagtail.fields.StreamField([('heading', 0), ('paragraph', 1), ('image', 5), ('quote', 8), ('embed', 11), ('call_to_action', 16)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'form_classname': 'title', 'icon': 'title', 'label': 'Heading', 'template': 'blocks/heading_block.html'}), 1: ('wagtail.blocks.RichTextBlock', (), {'features': ['h3', 'h4', 'bold', 'italic', 'link', 'document-link', 'ol', 'ul'], 'label': 'Rich text'}), 2: ('wagtail.images.blocks.ImageChooserBlock', (), {'label': 'Image'}), 3: ('wagtail.blocks.CharBlock', (), {'help_text': 'Describe the image for people who cannot see it; leave empty if decorative.', 'label': 'Alternative text', 'required': False}), 4: ('wagtail.blocks.CharBlock', (), {'label': 'Caption', 'required': False}), 5: ('wagtail.blocks.StructBlock', [[('image', 2), ('alt_text', 3), ('caption', 4)]], {}), 6: ('wagtail.blocks.TextBlock', (), {'label': 'Quote'}), 7: ('wagtail.blocks.CharBlock', (), {'label': 'Attribution', 'required': False}), 8: ('wagtail.blocks.StructBlock', [[('text', 6), ('attribution', 7)]], {}), 9: ('wagtail.blocks.URLBlock', (), {'label': 'Video address (YouTube, Vimeo, PeerTube)'}), 10: ('wagtail.blocks.CharBlock', (), {'label': 'Title of the video'}), 11: ('wagtail.blocks.StructBlock', [[('url', 9), ('title', 10)]], {}), 12: ('wagtail.blocks.CharBlock', (), {'label': 'Text'}), 13: ('wagtail.blocks.PageChooserBlock', (), {'label': 'Page', 'required': False}), 14: ('wagtail.blocks.URLBlock', (), {'label': 'Or an address', 'required': False}), 15: ('wagtail.blocks.CharBlock', (), {'label': 'Button label'}), 16: ('wagtail.blocks.StructBlock', [[('text', 12), ('page', 13), ('url', 14), ('link_text', 15)]], {})}, verbose_name='curriculum')),
                    ('prerequisites', wagtail.fields.RichTextField(blank=True, help_text='No diploma is ever required; say what helps instead.', verbose_name='prerequisites')),
                    ('application_deadline', models.DateTimeField(verbose_name='application deadline')),
                    ('places', models.PositiveSmallIntegerField(default=12, verbose_name='places')),
                    ('image', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image', verbose_name='image')),
                    ('partner_school', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='home.partner', verbose_name='partner school')),
                ],
                options={
                    'db_table': 'workshops_trainingmodulepage',
                    'verbose_name': 'training module',
                    'verbose_name_plural': 'training modules',
                },
                bases=('wagtailcore.page',),
            ),
            migrations.CreateModel(
                name='Application',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('first_name', models.CharField(max_length=100, verbose_name='first name')),
                    ('last_name', models.CharField(max_length=100, verbose_name='last name')),
                    ('email', models.EmailField(max_length=254, verbose_name='email')),
                    ('email_key', models.CharField(editable=False, max_length=254)),
                    ('phone', models.CharField(blank=True, max_length=40, verbose_name='phone')),
                    ('motivation', models.TextField(max_length=5000, verbose_name='motivation')),
                    ('links', models.TextField(blank=True, help_text='One per line.', max_length=2000, verbose_name='links to your work')),
                    ('availability', models.TextField(blank=True, max_length=1000, verbose_name='availability')),
                    ('status', models.CharField(choices=[('received', 'Received'), ('shortlisted', 'Shortlisted'), ('accepted', 'Accepted'), ('declined', 'Declined'), ('waitlisted', 'On the waiting list'), ('withdrawn', 'Withdrawn')], default='received', max_length=20, verbose_name='status')),
                    ('staff_notes', models.TextField(blank=True, verbose_name='staff notes')),
                    ('language', models.CharField(choices=[('fr', 'Français'), ('en', 'English')], max_length=10, verbose_name='language')),
                    ('manage_token', models.CharField(default=events.bookings.new_manage_token, max_length=64, unique=True)),
                    ('created_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='received at')),
                    ('updated_at', models.DateTimeField(auto_now=True)),
                    ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='decided at')),
                    ('anonymised_at', models.DateTimeField(blank=True, null=True, verbose_name='anonymised at')),
                    ('module', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='applications', to='training.trainingmodulepage', verbose_name='training module')),
                ],
                options={
                    'db_table': 'workshops_application',
                'verbose_name': 'training application',
                    'verbose_name_plural': 'training applications',
                    'ordering': ['created_at', 'pk'],
                    'indexes': [models.Index(fields=['module', 'status'], name='application_module_status')],
                    'constraints': [models.UniqueConstraint(condition=models.Q(('status', 'withdrawn'), _negated=True), fields=('module', 'email_key'), name='application_one_per_email')],
                },
            ),
            ],
        ),
    ]
